namespace Hrm.Protocol.Commands;

/// <summary>The three scales of the hierarchy.</summary>
public enum LayerKind : byte
{
    Macro = 0,
    Meso = 1,
    Micro = 2,
}
