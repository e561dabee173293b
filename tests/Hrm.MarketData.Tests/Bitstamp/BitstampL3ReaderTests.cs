using Hrm.MarketData.Bitstamp;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Bitstamp;

/// <summary>The Bitstamp L3 reader against lines of the real file read by hand (zcat orders.csv.gz | sed -n 'Np').</summary>
public sealed class BitstampL3ReaderTests
{
    private static readonly string OrdersPath =
        Path.Combine(TestData.Root, "micro", "bitstamp_l3_obanalytics_2015-05-01", "orders.csv.gz");

    [Fact]
    public void First_rows_of_the_real_file_parse_to_the_values_in_the_file()
    {
        var reader = new BitstampL3Reader(OrdersPath);
        var orders = reader.Take(4).Cast<L3Order>().ToList();

        // Line 2: 65595247,1430438404518,1430438404000,236.47,200000000,created,bid
        var o = orders[0];
        Assert.Equal(65595247, o.OrderId);
        Assert.Equal(Venue.Bitstamp, o.Venue);
        Assert.Equal("BTCUSD", o.Symbol);
        Assert.Equal(1430438404518_000_000, o.TsEvent); // the receive time (ms), not the exchange's creation second
        Assert.Equal(o.TsEvent, o.TsInit);
        Assert.Equal(23_647_000_000, o.Price);           // 236.47 × 1e8
        Assert.Equal(200_000_000, o.Qty);                // satoshi = fixed-point units: 2 BTC
        Assert.True(o.IsBid);
        Assert.Equal(L3Action.Created, o.Action);

        // Line 3: 65595247,1430438404635,…,236.47,178855669,changed,bid — a partial fill of 0.21144331 BTC.
        Assert.Equal(L3Action.Changed, orders[1].Action);
        Assert.Equal(178_855_669, orders[1].Qty);

        // Line 4: 65595187,1430438404637,1430438340000,236.47,0,deleted,ask — deleted with 0 left: filled out. Its
        // exchange.timestamp (…340000) is the order's creation second, a minute before the event.
        Assert.Equal(L3Action.Deleted, orders[2].Action);
        Assert.Equal(0, orders[2].Qty);
        Assert.False(orders[2].IsBid);
        Assert.Equal(1430438404637_000_000, orders[2].TsEvent);

        // Line 5: 65595181,1430438405647,…,236.08,200000000,deleted,bid — deleted with 2 BTC still resting: a cancel.
        Assert.Equal(L3Action.Deleted, orders[3].Action);
        Assert.Equal(200_000_000, orders[3].Qty);
    }

    [Fact]
    public void The_whole_file_reads_without_rejects_in_time_order()
    {
        var reader = new BitstampL3Reader(OrdersPath);
        long count = 0, last = long.MinValue, created = 0, changed = 0, deleted = 0;
        foreach (var e in reader)
        {
            var o = (L3Order)e;
            Assert.True(o.TsEvent >= last);
            last = o.TsEvent;
            count++;
            if (o.Action == L3Action.Created) created++;
            else if (o.Action == L3Action.Changed) changed++;
            else deleted++;
        }

        // zcat orders.csv.gz | wc -l = 50415 (one header); awk counts by action: 24894 created, 602 changed, 24918 deleted.
        Assert.Equal(50414, count);
        Assert.Equal((24894, 602, 24918), (created, changed, deleted));
        Assert.Equal(0, reader.Rejects.Total);
    }

    [Fact]
    public void Bad_rows_are_counted_never_thrown()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bitstamp-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path,
        [
            BitstampL3Reader.Header,
            "1,1430438404518,1430438404000,236.47,200000000,created,bid",   // good
            "2,1430438404519,1430438404000,236.47,200000000,created",       // 6 columns
            "3,14304384045x9,1430438404000,236.47,200000000,created,bid",   // bad timestamp
            "4,1430438404520,1430438404000,-1.00,200000000,created,bid",    // negative price
            "5,1430438404521,1430438404000,236.47,-5,created,bid",          // negative qty
            "6,1430438404522,1430438404000,236.47,5,moved,bid",             // unknown action
            "7,1430438404523,1430438404000,236.47,5,created,buy",           // unknown side
            "8,1430438404400,1430438404000,236.47,5,created,ask",           // earlier than the good row: out of order
            "9,1430438404600,1430438404000,236.4700,5,deleted,ask",         // good
        ]);
        try
        {
            var reader = new BitstampL3Reader(path);
            var ids = reader.Cast<L3Order>().Select(o => o.OrderId).ToList();
            Assert.Equal([1L, 9L], ids);
            Assert.Equal(7, reader.Rejects.Total);
            Assert.Equal(1, reader.Rejects[RejectReasons.MalformedRow]);
            Assert.Equal(1, reader.Rejects[RejectReasons.BadTimestamp]);
            Assert.Equal(1, reader.Rejects[RejectReasons.NegativePrice]);
            Assert.Equal(1, reader.Rejects[RejectReasons.NegativeQty]);
            Assert.Equal(1, reader.Rejects[BitstampL3Reader.UnknownAction]);
            Assert.Equal(1, reader.Rejects[BitstampL3Reader.UnknownSide]);
            Assert.Equal(1, reader.Rejects[BitstampL3Reader.OutOfOrderRow]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
