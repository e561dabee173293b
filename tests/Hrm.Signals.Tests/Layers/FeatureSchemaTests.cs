using System.Reflection;
using System.Text.RegularExpressions;
using Hrm.Protocol.Commands;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Tests.Layers;

/// <summary>The feature vector's layout: unique snake_case names, one contiguous slice per layer, constants tied to names.</summary>
public sealed partial class FeatureSchemaTests
{
    [Fact]
    public void Names_are_unique_snake_case_and_prefixed_by_their_layer()
    {
        var names = FeatureSchema.Names;
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches(SnakeCase(), n));
        foreach (var kind in new[] { LayerKind.Macro, LayerKind.Meso, LayerKind.Micro })
        {
            var slice = FeatureSchema.Slice(kind);
            var prefix = kind.ToString().ToLowerInvariant() + "_";
            Assert.All(names.Skip(slice.Offset).Take(slice.Count), n => Assert.StartsWith(prefix, n));
        }
    }

    [Fact]
    public void Slices_are_contiguous_in_layer_order_and_cover_the_vector()
    {
        var macro = FeatureSchema.Slice(LayerKind.Macro);
        var meso = FeatureSchema.Slice(LayerKind.Meso);
        var micro = FeatureSchema.Slice(LayerKind.Micro);

        Assert.Equal(0, macro.Offset);
        Assert.Equal(macro.End, meso.Offset);
        Assert.Equal(meso.End, micro.Offset);
        Assert.Equal(FeatureSchema.Count, micro.End);
        Assert.Equal((FeatureSchema.Macro.Count, FeatureSchema.Meso.Count, FeatureSchema.Micro.Count), (macro.Count, meso.Count, micro.Count));
        Assert.Equal(76, FeatureSchema.Count);
    }

    [Fact]
    public void Every_index_constant_names_the_feature_at_its_position()
    {
        foreach (var (type, kind) in new[]
                 {
                     (typeof(FeatureSchema.Macro), LayerKind.Macro), (typeof(FeatureSchema.Meso), LayerKind.Meso),
                     (typeof(FeatureSchema.Micro), LayerKind.Micro),
                 })
        {
            var slice = FeatureSchema.Slice(kind);
            var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name != "Count")
                .ToList();
            Assert.Equal(slice.Count, constants.Count);
            Assert.Equal(Enumerable.Range(0, slice.Count), constants.Select(f => (int)f.GetRawConstantValue()!).Order());
            foreach (var field in constants)
            {
                var expected = kind.ToString().ToLowerInvariant() + "_" + Snake(field.Name);
                Assert.Equal(expected, FeatureSchema.Names[slice.Offset + (int)field.GetRawConstantValue()!]);
            }
        }
    }

    [Fact]
    public void Index_of_finds_every_name_and_answers_minus_one_for_an_unknown_one()
    {
        for (var i = 0; i < FeatureSchema.Count; i++)
        {
            Assert.Equal(i, FeatureSchema.IndexOf(FeatureSchema.Names[i]));
        }

        Assert.Equal(FeatureSchema.Slice(LayerKind.Meso).Offset + FeatureSchema.Meso.RangeHighDistAtr,
            FeatureSchema.IndexOf("meso_range_high_dist_atr"));
        Assert.Equal(-1, FeatureSchema.IndexOf("macro_nothing"));
        Assert.All(FeatureSchema.Unavailable(), v => Assert.True(double.IsNaN(v)));
    }

    /// <summary>PascalCase → snake_case, a digit run after a lowercase letter starting a word: Mom1dZ → mom_1d_z, OfiL1 → ofi_l1.</summary>
    private static string Snake(string pascal) => SnakeBoundary().Replace(pascal, m => "_" + m.Value).ToLowerInvariant();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)+$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("(?<=[A-Za-z0-9])[A-Z]|(?<=[a-z])[0-9]+")]
    private static partial Regex SnakeBoundary();
}
