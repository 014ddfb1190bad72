import Foundation
import SomaCore
import SomaLang
import SomaPlot

/// A figure as a Soma value: shared by reference, so `fig = figure()` and later
/// calls that draw on the current figure change the same one.
final class FigureObject: SomaObject {
    var figure: Figure
    /// 1-based number in the session, naming the REPL's figure files.
    let number: Int

    /// Whether `save` wrote the figure after its last change: then the REPL
    /// and scripts do not write it a second time (notebooks still show it).
    var savedSinceChange = false

    /// The drawing of the last text preview printed, so an entry that only
    /// sets labels or a title rewrites the file without printing the same
    /// curves again.
    var shownDrawing: [String]?

    init(figure: Figure, number: Int) {
        self.figure = figure
        self.number = number
    }

    /// Writes the figure as a PNG file at `path`.
    func save(to path: String, dpi: Double, context: Context) throws {
        try plotCall("save") { try figure.save(to: path, dpi: dpi) { context.isInterrupted } }
        savedSinceChange = true
    }

    var typeName: String { "Figure" }
    var displayString: String { "<Figure \(number): \(Int(figure.width))x\(Int(figure.height))>" }
    var fieldNames: [String] { ["title", "width", "height", "number"] }
    var methodNames: [String] { ["save", "preview"] }

    func field(_ name: String) throws -> Value? {
        switch name {
        case "title": return figure.title.map { Value($0) } ?? .nil
        case "width": return Value(figure.width)
        case "height": return Value(figure.height)
        case "number": return Value(number)
        default: return nil
        }
    }

    func setField(_ name: String, _ value: Value) throws {
        switch name {
        case "title":
            guard case .string(let s) = value else { throw SomaError.type("Figure.title must be a string") }
            figure.title = s
        case "width", "height":
            guard let v = value.numberValue, v.isFinite, v >= 50, v <= 8000 else {
                throw SomaError.value("Figure.\(name) must be a number of pixels between 50 and 8000")
            }
            if name == "width" { figure.width = v } else { figure.height = v }
        default:
            throw SomaError.type("cannot set field '\(name)' of Figure (fields: title, width, height)")
        }
    }

    /// Methods hold the figure strongly: a method value may outlive every other reference.
    func method(_ name: String) -> Builtin? {
        switch name {
        case "save":
            return Builtin("save(path, dpi: 100)", doc: """
                Writes the figure as a PNG file.
                Example:
                    fig = figure(); plot([1, 3, 2])
                    fig.save("curve.png", dpi: 150)
                """) { args in
                let path = try args.context.resolvePath(try args.string(0, "path"), for: .write, caller: "save")
                try self.save(to: path, dpi: try args.keywordNumber("dpi", default: 100), context: args.context)
                return .nil
            }
        case "preview":
            return Builtin("preview(columns:, rows:)", doc: """
                The figure drawn with text characters, for terminals.
                Without columns: and rows: it is sized as the REPL's own preview after a plot:
                as wide as the terminal and at most half its height (60 x 15 where standard
                output is not a terminal: scripts, notebooks). Given, they size the dot area.
                Example:
                    fig = figure(); plot(sin(linspace(0, 6, 100)))
                    print(fig.preview(columns: 40, rows: 10))
                """) { args in
                let columns = try countKeyword(args, "columns", in: 10...1000)
                let rows = try countKeyword(args, "rows", in: 3...1000)
                if columns == nil, rows == nil, let screen = args.context.outputScreen {
                    return Value(PlotState.preview(of: self.figure, fitting: screen).text)
                }
                return Value(self.figure.preview(columns: columns ?? 60, rows: rows ?? 15))
            }
        default:
            return nil
        }
    }
}

/// Per-session plot state: the current figure and the figures touched since
/// the host last collected them (notebook cell end, REPL entry end).
public final class PlotState {
    /// What happens to touched figures when a run ends.
    public enum Delivery {
        /// Kept until the host calls `Session.takeFigures()` (notebooks).
        case collect
        /// Written to `directory/figure-N.png` with the path printed; on a
        /// terminal (`preview` given) also a text preview fitting its width,
        /// when the drawing changed since the last preview (REPL).
        case files(directory: String, preview: TerminalScreen?)
    }

    var current: FigureObject?
    var touched: [FigureObject] = []
    var count = 0
    var defaultWidth = 800.0
    var defaultHeight = 500.0
    var delivery = Delivery.collect

    init() {}

    /// The current figure, made when there is none.
    func currentFigure() -> FigureObject {
        if let current {
            touch(current)
            return current
        }
        return newFigure(width: defaultWidth, height: defaultHeight, title: nil)
    }

    func newFigure(width: Double, height: Double, title: String?) -> FigureObject {
        count += 1
        let made = FigureObject(figure: Figure(width: width, height: height, title: title), number: count)
        current = made
        touch(made)
        return made
    }

    func touch(_ figure: FigureObject) {
        figure.savedSinceChange = false
        if !touched.contains(where: { $0 === figure }) { touched.append(figure) }
    }

    /// Applies `change` to the current axes of the current figure.
    func withAxes(_ change: (inout Axes) throws -> Void) throws {
        let figure = currentFigure()
        try change(&figure.figure.axes)
    }

    /// The text preview the REPL shows of `figure` on `screen`: as wide as the window and
    /// at most half its height, so the entry stays in sight above the preview.
    static func preview(of figure: Figure, fitting screen: TerminalScreen) -> TextPreview {
        let size = screen.size()
        return figure.textPreview(fitting: size.columns, maxRows: min(16, size.rows / 2))
    }

    /// Writes touched figures for the REPL and forgets them.
    func deliver(_ context: Context) throws {
        guard case .files(let directory, let preview) = delivery, !touched.isEmpty else { return }
        let figures = touched.filter { !$0.figure.isBlank && !$0.savedSinceChange }
        touched = []
        for object in figures {
            let path = (directory as NSString).appendingPathComponent("figure-\(object.number).png")
            try plotCall("figure") { try object.figure.save(to: path) { context.isInterrupted } }
            var text = "[figure \(object.number): \(path)]\n"
            if let preview {
                let drawn = PlotState.preview(of: object.figure, fitting: preview)
                if drawn.drawing != object.shownDrawing {
                    text += drawn.text + "\n"
                    object.shownDrawing = drawn.drawing
                }
            }
            context.output.write(text)
        }
    }
}

extension Session {
    /// The session's plot state.
    var plots: PlotState { context.state(PlotState.self) { PlotState() } }

    /// PNG data of every figure touched since the last call, in order, then
    /// closes them so the next drawing call starts a new figure (as inline
    /// plots in a notebook do). For notebook hosts, called after each cell.
    /// - Throws: `SomaError.io` when a figure cannot be encoded.
    public func takeFigures(dpi: Double = 100) throws -> [Data] {
        let state = plots
        // A figure nothing was drawn on is left out, as inline matplotlib shows no image for it.
        let figures = state.touched.filter { !$0.figure.isBlank }
        state.touched = []
        state.current = nil
        let context = self.context
        return try figures.map { object in
            Data(try plotCall("figure") { try object.figure.png(dpi: dpi) { context.isInterrupted } })
        }
    }

    /// Sets the size new figures get (notebook `fig-width` / `fig-height`), in pixels.
    public func setFigureSize(width: Int?, height: Int?) {
        let state = plots
        state.defaultWidth = width.map { Double(min(8000, max(50, $0))) } ?? 800
        state.defaultHeight = height.map { Double(min(8000, max(50, $0))) } ?? 500
    }

    /// How touched figures leave the session at the end of each run (see `PlotState.Delivery`).
    public func setFigureDelivery(_ delivery: PlotState.Delivery) {
        plots.delivery = delivery
    }
}

/// Runs SomaPlot code, turning its errors into Soma errors.
func plotCall<T>(_ callee: String, _ body: () throws -> T) throws -> T {
    try translatingErrors(callee, body) { (error: PlotError) -> ErrorKind in
        switch error {
        case .badData: return .shape
        case .badArgument: return .value
        case .io: return .io
        case .interrupted: return .interrupt
        }
    }
}
