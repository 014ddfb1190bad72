import SomaLang

/// What a host tells the library about the terminal it draws on: figure
/// previews and progress bars are sized to it. The size is measured each time
/// something is drawn, so a resized window is followed.
///
///     let screen = TerminalScreen(color: true) { (columns: 100, rows: 40) }
public struct TerminalScreen: Sendable {
    /// Whether colour may be used (a terminal, and NO_COLOR unset).
    public let color: Bool
    /// The terminal's size in character cells now.
    public let size: @Sendable () -> (columns: Int, rows: Int)

    public init(color: Bool, size: @escaping @Sendable () -> (columns: Int, rows: Int)) {
        self.color = color
        self.size = size
    }
}

extension Context {
    /// The terminal standard output shows on, when the host says there is one
    /// (the REPL on a terminal, which gives it for its figure previews): `help`
    /// wraps to its width and `fig.preview()` fits it.
    var outputScreen: TerminalScreen? {
        guard case .files(_, let screen) = state(PlotState.self, make: PlotState.init).delivery else { return nil }
        return screen
    }
}
