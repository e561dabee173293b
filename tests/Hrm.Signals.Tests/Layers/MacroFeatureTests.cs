using System.Globalization;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Macro;
using Hrm.Signals.Macro.Regimes;
using Hrm.Signals.Tests.Macro;
using F = Hrm.Signals.Layers.FeatureSchema.Macro;

namespace Hrm.Signals.Tests.Layers;

/// <summary>The macro slice of the feature vector against hand computations on small synthetic inputs.</summary>
public sealed class MacroFeatureTests
{
    private const long H = 3600L * 1_000_000_000;
    private const long Day = 24 * H;

    private static double[] Features(MacroLayer layer, long ts)
    {
        var into = new double[F.Count];
        layer.WriteFeatures(ts, into);
        return into;
    }

    private static Bar FourHour(int i, double close, Venue venue = Venue.BinanceUsdm) => Candle(venue, BarPeriod.H4, (i + 1) * 4 * H, close);

    private static Bar Candle(Venue venue, BarPeriod period, long close, double price) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = close,
        TsInit = close,
        Period = period,
        Open = price,
        High = price,
        Low = price,
        Close = price,
        Volume = 1,
    };

    private static FundingRate Settlement(long ts, double rate) =>
        new() { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts, Rate = rate };

    private static MarkPriceUpdate Mark(long ts, double rate, Venue venue = Venue.BinanceUsdm) =>
        new() { Symbol = "BTCUSDT", Venue = venue, TsEvent = ts, TsInit = ts, MarkPrice = 1, IndexPrice = 1, FundingRate = rate, NextFundingTime = ts + 8 * H };

    [Fact]
    public void Momentum_and_its_vol_scaled_z_match_a_hand_computation_on_4h_closes()
    {
        // C_0 = 100, then one-bar log returns r_i = 0.002 + 0.01·(−1)^i, i = 1 … 180 (−0.008, +0.012, −0.008, …).
        var layer = new MacroLayer("BTCUSDT");
        var close = 100.0;
        layer.Apply(FourHour(0, close));
        for (var i = 1; i <= 180; i++)
        {
            close *= Math.Exp(0.002 + 0.01 * (i % 2 == 0 ? 1 : -1));
            layer.Apply(FourHour(i, close));
            var f = Features(layer, (i + 1) * 4 * H);
            // ln(C_0/C_6) needs 7 closes; σ needs 180 returns (181 closes)
            Assert.Equal(i < 6, double.IsNaN(f[F.Mom1d]));
            Assert.Equal(i < 42, double.IsNaN(f[F.Mom1w]));
            Assert.Equal(i < 168, double.IsNaN(f[F.Mom4w]));
            Assert.Equal(i < 180, double.IsNaN(f[F.Vol30d]));
            Assert.Equal(i < 180, double.IsNaN(f[F.Mom1dZ]));
        }

        var features = Features(layer, 181 * 4 * H);
        // any k = 2j consecutive returns hold j of each sign: m_k = 0.002·k
        Assert.Equal(0.012, features[F.Mom1d], 12);
        Assert.Equal(0.084, features[F.Mom1w], 12);
        Assert.Equal(0.336, features[F.Mom4w], 12);
        // mean return 0.002, every deviation ±0.01: sample σ = 0.01·√(180/179)
        var sigma = 0.01 * Math.Sqrt(180.0 / 179.0);
        Assert.Equal(sigma * Math.Sqrt(6 * 365), features[F.Vol30d], 12);
        // z_k = 0.002·k / (σ·√k)
        Assert.Equal(0.012 / (sigma * Math.Sqrt(6)), features[F.Mom1dZ], 10);
        Assert.Equal(0.084 / (sigma * Math.Sqrt(42)), features[F.Mom1wZ], 10);
        Assert.Equal(0.336 / (sigma * Math.Sqrt(168)), features[F.Mom4wZ], 10);
        // the Markov model needs 541 closes: its features and the regime call are unavailable, not made up
        foreach (var i in new[] { F.PHighVol, F.SigmaRatio, F.Hurst, F.VarianceRatio, F.VrZ, F.PersistenceScore, F.RegimeTrending, F.Strength, F.RiskBudget })
        {
            Assert.True(double.IsNaN(features[i]), FeatureSchema.Names[i]);
        }

        Assert.Null(layer.Output(181 * 4 * H));
    }

    [Fact]
    public void Momentum_reads_only_the_regime_venue()
    {
        var layer = new MacroLayer("BTCUSDT");
        for (var i = 0; i <= 6; i++)
        {
            layer.Apply(FourHour(i, 100 + i));
            layer.Apply(FourHour(i, 1000, Venue.BinanceSpot)); // a second venue's 4h bars are ignored
        }

        Assert.Equal(Math.Log(106.0 / 100.0), Features(layer, 7 * 4 * H)[F.Mom1d], 12);
    }

    [Fact]
    public void Funding_z_scores_the_latest_rate_against_the_last_90_settlements()
    {
        var layer = new MacroLayer("BTCUSDT");
        Assert.True(double.IsNaN(Features(layer, 0)[F.FundingRate]));
        for (var i = 0; i < 90; i++)
        {
            layer.Apply(Settlement(i * 8 * H, i % 2 == 0 ? 0.0001 : 0.0003));
            var f = Features(layer, i * 8 * H);
            Assert.Equal(i % 2 == 0 ? 0.0001 : 0.0003, f[F.FundingRate]);
            Assert.Equal(i < 89, double.IsNaN(f[F.FundingZ])); // 90 settlements = 30 days
        }

        // the live rate of a mark-price update is the latest rate, not a settlement; COIN-M's is ignored
        layer.Apply(Mark(720 * H, 0.0005));
        layer.Apply(Mark(720 * H, 0.01, Venue.BinanceCoinm));
        var features = Features(layer, 720 * H);
        Assert.Equal(0.0005, features[F.FundingRate]);
        // 45 of 0.0001 and 45 of 0.0003: mean 0.0002, deviations ±0.0001, sample std 0.0001·√(90/89)
        Assert.Equal(0.0003 / (0.0001 * Math.Sqrt(90.0 / 89.0)), features[F.FundingZ], 9);
        Assert.Equal(90, layer.Settlements.Count);
    }

    [Fact]
    public void Basis_needs_only_a_common_close_and_the_funding_basis_z_follows_the_divergence_test()
    {
        var layer = new MacroLayer("BTCUSDT");
        layer.Apply(Candle(Venue.BinanceSpot, BarPeriod.H1, H, 100));
        Assert.True(double.IsNaN(Features(layer, H)[F.Basis])); // spot alone: no common close yet
        layer.Apply(Candle(Venue.BinanceUsdm, BarPeriod.H1, H, 100.5));
        var first = Features(layer, H);
        Assert.Equal(0.005, first[F.Basis], 12); // 100.5/100 − 1, before any funding is known
        Assert.True(double.IsNaN(first[F.FundingRate]));
        Assert.True(double.IsNaN(first[F.FundingBasisZ]));

        // funding 0; hours 2 … 73 alternate perp 100.1 / 99.9 against spot 100: divergence = 0 − basis = ∓0.001
        layer.Apply(Settlement(H, 0));
        for (var h = 2; h <= 73; h++)
        {
            layer.Apply(Candle(Venue.BinanceSpot, BarPeriod.H1, h * H, 100));
            layer.Apply(Candle(Venue.BinanceUsdm, BarPeriod.H1, h * H, h % 2 == 0 ? 100.1 : 99.9));
            Assert.True(double.IsNaN(Features(layer, h * H)[F.FundingBasisZ])); // < 72 previous points
        }

        // hour 74: basis 0.004, divergence −0.004 against the previous 72 points (mean 0, sample std 0.001·√(72/71))
        layer.Apply(Candle(Venue.BinanceSpot, BarPeriod.H1, 74 * H, 100));
        layer.Apply(Candle(Venue.BinanceUsdm, BarPeriod.H1, 74 * H, 100.4));
        var features = Features(layer, 74 * H);
        Assert.Equal(0.004, features[F.Basis], 12);
        Assert.Equal(-0.004 / (0.001 * Math.Sqrt(72.0 / 71.0)), features[F.FundingBasisZ], 6);
        Assert.Equal(layer.FundingBasis.Divergence / layer.FundingBasis.RollingStd, features[F.FundingBasisZ]);
        Assert.True(layer.FundingBasis.Fired);
    }

    [Fact]
    public void A_fresh_layer_has_every_feature_unavailable_and_exhaustions_count_once_micro_spoke()
    {
        var layer = new MacroLayer("BTCUSDT");
        Assert.All(Features(layer, Day), v => Assert.True(double.IsNaN(v)));

        layer.Observe(null, null, new MicroEvidence("BTCUSDT", Day, [], 0.5, 0, false), null);
        Assert.Equal(0, Features(layer, Day)[F.Exhaustions1h]);
        layer.Observe(null, null, new MicroEvidence("BTCUSDT", Day + 1, [], 0.5, 0, true), null);
        Assert.Equal(1, Features(layer, Day + 1)[F.Exhaustions1h]);
        Assert.Equal(0, Features(layer, Day + 1 + H)[F.Exhaustions1h]); // the onset left the 1 h window
    }

    [Fact]
    public void The_regime_call_features_are_the_output_signal()
    {
        var layer = new MacroLayer("BTCUSDT", new HeuristicRegimeModel());
        var regimes = new HashSet<Regime>();
        for (var i = 0; i < 200; i++)
        {
            layer.Apply(FourHour(i, 100 + 5 * Math.Sin(i * 0.7) + 0.2 * i + (i > 120 ? 3 * Math.Sin(i * 2.1) : 0)));
            var ts = (i + 1) * 4 * H;
            var features = Features(layer, ts);
            if (layer.Output(ts) is not MacroSignal signal)
            {
                Assert.True(double.IsNaN(features[F.RegimeTrending]));
                continue;
            }

            regimes.Add(signal.Regime);
            Assert.Equal(signal.Regime == Regime.Trending ? 1 : 0, features[F.RegimeTrending]);
            Assert.Equal(signal.Regime == Regime.MeanReverting ? 1 : 0, features[F.RegimeMeanReverting]);
            Assert.Equal(signal.Regime == Regime.Volatile ? 1 : 0, features[F.RegimeVolatile]);
            Assert.Equal(signal.Regime == Regime.Accumulation ? 1 : 0, features[F.RegimeAccumulation]);
            Assert.Equal(signal.Strength, features[F.Strength]);
            Assert.Equal(signal.RiskBudget, features[F.RiskBudget]);
            var direction = signal.Drivers.Contains(MacroParameters.DirectionUp) ? 1 : signal.Drivers.Contains(MacroParameters.DirectionDown) ? -1 : 0;
            Assert.Equal(direction, features[F.TrendDirection]);
            // the heuristic model has no Markov features
            Assert.True(double.IsNaN(features[F.PHighVol]));
            Assert.True(double.IsNaN(features[F.PersistenceScore]));
        }

        Assert.True(regimes.Count >= 2, string.Join(", ", regimes));
    }

    [Fact]
    public void Markov_features_are_the_numbers_behind_its_drivers_on_real_4h_bars()
    {
        // BTC USD-M 4h candles from 2025-02: the model is ready after 541 closes
        var bars = RealData.ReadCandles("macro_meso/binance_freqtrade_roshan/BTC_USDT_USDT-perp-4h.csv.gz", Venue.BinanceUsdm,
            BarPeriod.H4, 0, long.MaxValue).Take(560).ToList();
        var layer = new MacroLayer("BTCUSDT");
        var checkedBars = 0;
        foreach (var bar in bars)
        {
            layer.Apply(bar);
            var features = Features(layer, bar.TsEvent);
            if (layer.Output(bar.TsEvent) is not MacroSignal signal)
            {
                Assert.True(double.IsNaN(features[F.PHighVol]));
                continue;
            }

            checkedBars++;
            Assert.Equal(Driver(signal, "p_high_vol"), features[F.PHighVol], 3);
            Assert.Equal(Driver(signal, "sigma_ratio"), features[F.SigmaRatio], 3);
            Assert.Equal(Driver(signal, "hurst"), features[F.Hurst], 3);
            Assert.Equal(Driver(signal, "variance_ratio"), features[F.VarianceRatio], 3);
            Assert.Equal(Driver(signal, "vr_z"), features[F.VrZ], 3);
            // s = ½·z*/1.645 + ½·(H − 0.5)/0.1
            Assert.Equal(0.5 * features[F.VrZ] / 1.645 + 0.5 * (features[F.Hurst] - 0.5) / 0.1, features[F.PersistenceScore], 12);
            Assert.Equal(1, features[F.RegimeTrending] + features[F.RegimeMeanReverting] + features[F.RegimeVolatile] + features[F.RegimeAccumulation]);
            Assert.Equal(signal.Strength, features[F.Strength]);
            Assert.Equal(signal.RiskBudget, features[F.RiskBudget]);
            var model = (MarkovRegimeModel)layer.Model;
            Assert.Equal(model.Estimate().Regime == Regime.Volatile ? 1 : 0, features[F.RegimeVolatile]);
        }

        Assert.Equal(560 - 540, checkedBars);
    }

    [Fact]
    public void Context_features_follow_their_analyzers_availability()
    {
        var layer = new MacroLayer("BTCUSDT", new HeuristicRegimeModel());
        for (var i = 0; i < 80; i++) layer.Apply(FourHour(i, 100 + 5 * Math.Sin(i * 0.7) + 0.01 * i));
        var t = 80 * 4 * H;
        var before = Features(layer, t);
        foreach (var i in new[] { F.InflowZ, F.MvrvZ, F.Skew25d, F.GexNegative, F.DominanceShift })
        {
            Assert.True(double.IsNaN(before[i]), FeatureSchema.Names[i]);
        }

        // as in MacroContextDriverTests: MVRV z 10.1 (overextended), net negative dealer gamma, skew 70 − 60 = 10
        for (var d = 0; d < 101; d++)
        {
            var ts = t - (100 - d) * Day;
            layer.Apply(MacroTestEvents.Metric(OnChainMetrics.MarketCap, ts, d < 100 ? 10 : 1000));
            layer.Apply(MacroTestEvents.Metric(OnChainMetrics.RealizedCap, ts, 10));
        }

        foreach (var d in new[] { 0.40, 0.25, 0.10 }) layer.Apply(MacroTestEvents.Option(t - 60_000_000_000, 100 + 100 * (0.5 - d), true, d, 60));
        foreach (var d in new[] { -0.40, -0.25, -0.10 }) layer.Apply(MacroTestEvents.Option(t - 60_000_000_000, 100 - 100 * (0.5 + d), false, d, 70));
        layer.Options.Close();
        var features = Features(layer, t);
        Assert.Equal(layer.Network.MvrvZ, features[F.MvrvZ]);
        Assert.True(features[F.MvrvZ] >= 7);
        Assert.Equal(1, features[F.GexNegative]);
        Assert.Equal(10, features[F.Skew25d], 9);
        // the risk budget carries the context scaling: × 0.5 (overextended) × 0.75 (negative gamma)
        Assert.Equal(before[F.RiskBudget] * 0.5 * 0.75, features[F.RiskBudget], 12);
        Assert.True(double.IsNaN(features[F.InflowZ])); // no inflow series
        // four days later both inputs are stale
        var later = Features(layer, t + 4 * Day);
        Assert.True(double.IsNaN(later[F.MvrvZ]));
        Assert.True(double.IsNaN(later[F.GexNegative]));
        Assert.True(double.IsNaN(later[F.Skew25d]));
    }

    private static double Driver(MacroSignal signal, string name)
    {
        var driver = signal.Drivers.Single(d => d.StartsWith(name + "=", StringComparison.Ordinal));
        return double.Parse(driver[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
