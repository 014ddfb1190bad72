/// A map from a number in 0...1 to a colour, for images, heatmaps and contours.
public struct Colormap: Equatable, Sendable {
    /// The map's name as users write it ("viridis", "gray", "coolwarm").
    public let name: String
    let table: [UInt32]

    /// The colormaps SomaPlot knows by name.
    public static let available = ["viridis", "gray", "coolwarm", "gray_r"]

    /// Looks a colormap up by name.
    /// - Throws: `PlotError.badArgument` naming the known maps.
    public init(named name: String) throws {
        switch name.lowercased() {
        case "viridis": table = Colormap.viridisTable
        case "coolwarm": table = Colormap.coolwarmTable
        case "gray", "grey", "greys_r": table = (0..<256).map { UInt32($0) * 0x010101 }
        case "gray_r", "grey_r", "greys": table = (0..<256).map { UInt32(255 - $0) * 0x010101 }
        default:
            throw PlotError.badArgument(
                "unknown colormap '\(name)'; choose one of \(Colormap.available.joined(separator: ", "))")
        }
        self.name = name.lowercased()
    }

    public static let viridis = Colormap(name: "viridis", table: viridisTable)

    init(name: String, table: [UInt32]) {
        self.name = name
        self.table = table
    }

    /// The colour for `t` in 0...1; values outside are clamped, NaN gives clear.
    public func color(at t: Double) -> Color {
        guard t.isFinite else { return .clear }
        let index = Int((min(1, max(0, t)) * Double(table.count - 1)).rounded())
        return Color(hex: table[index])
    }
}
