/// An error raised by SomaPlot: bad data or arguments, or a failed file operation.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// Data that cannot be plotted, such as x and y of different lengths.
    case badData(String)
    /// An option with a value SomaPlot does not understand.
    case badArgument(String)
    /// PNG encoding, decoding or file writing failed.
    case io(String)
    /// Drawing was stopped by the host (Ctrl-C) before it finished.
    case interrupted

    public var description: String {
        switch self {
        case .badData(let message), .badArgument(let message), .io(let message):
            return message
        case .interrupted:
            return "interrupted"
        }
    }
}

/// A number for an error message: whole numbers without ".0".
func describe(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}
