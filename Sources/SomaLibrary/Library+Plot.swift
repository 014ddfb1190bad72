import SomaCore
import SomaLang
import SomaPlot

extension Library {
    /// Plots, pyplot-style: calls act on the current axes of the current figure.
    /// Figures a run touched are handed to the host when it ends (see `PlotState`).
    static var plot: LibrarySection {
        LibrarySection(name: "plot", builtins: plotFigures + plotLabels + plotKinds + plotAnnotations + plotErrorAndTwin,
                       atRunEnd: { context in try context.state(PlotState.self) { PlotState() }.deliver(context) })
    }

    /// Figures, subplots and saving.
    static var plotFigures: [Builtin] {
        [
            Builtin("figure(width:, height:, title:, sharex: false, sharey: false)", doc: """
                Starts a new figure (800 x 500 pixels by default) and makes it current.
                `sharex`/`sharey` (true, "col" or "row") give the subplots one x (y) range, as
                matplotlib's subplots(sharex=True): only the bottom row shows x tick labels, only the
                left column y tick labels, and the plots line up.
                    fig = figure(width: 900, title: "Unit 1")
                """) { args in
                let state = plots(args)
                let width = try args.keywordNumber("width", default: state.defaultWidth)
                let height = try args.keywordNumber("height", default: state.defaultHeight)
                guard width.isFinite, height.isFinite, width >= 50, height >= 50, width <= 8000, height <= 8000 else {
                    throw SomaError.value("figure: width and height must be between 50 and 8000 pixels")
                }
                guard width * height <= 40_000_000 else {
                    throw SomaError.value("figure: at most 40 million pixels, got \(Int(width))x\(Int(height))")
                }
                let made = state.newFigure(width: width, height: height, title: try args.keywordString("title"))
                try applySharing(args, to: made)
                return Value(made)
            },
            Builtin("subplot(rows, cols, i, sharex:, sharey:)", doc: """
                Selects axes i (1-based, row by row) in a rows x cols grid of the current figure.
                `sharex: true` (or "col", "row") shares the x range among the figure's subplots and
                shows x tick labels only on the bottom row; `sharey` does the same for y, labelled
                in the left column (see `figure`).
                    subplot(2, 1, 1, sharex: true); plot(t, v); subplot(2, 1, 2); raster(spikes)
                """) { args in
                let rows = try args.int(0, "rows"), cols = try args.int(1, "cols"), index = try args.int(2, "i")
                let figure = plots(args).currentFigure()
                try applySharing(args, to: figure)
                try plotCall("subplot") { try figure.figure.subplot(rows: rows, columns: cols, index: index) }
                return .nil
            },
            Builtin("show()", doc: """
                Does nothing but is accepted: figures are shown by themselves when a notebook cell or
                REPL entry ends (written next to the notebook, or to a file whose path is printed).
                """) { _ in .nil },
            Builtin("close()", doc: "Closes the current figure: the next drawing call starts a new one.") { args in
                plots(args).current = nil
                return .nil
            },
            Builtin("save(fig?, path, dpi: 100)", doc: """
                Writes the current figure (or `fig`) as a PNG file. A relative path lands in the output folder under `soma run`, in the working folder under `soma FILE.soma`, next to the running file elsewhere.
                    save("tuning.png", dpi: 150)
                """) { args in
                var figure: FigureObject
                var pathIndex = 0
                if case .object(let object)? = args.optional(0, "fig"), let given = object as? FigureObject {
                    figure = given
                    pathIndex = 1
                } else {
                    figure = plots(args).currentFigure()
                }
                let path = try args.context.resolvePath(try args.string(pathIndex, "path"), for: .write, caller: "save")
                let dpi = try args.keywordNumber("dpi", default: 100)
                try figure.save(to: path, dpi: dpi, context: args.context)
                return .nil
            },
        ]
    }

    /// `sharex:` and `sharey:` (true, false, "all", "col", "row") set on a figure.
    private static func applySharing(_ args: Arguments, to figure: FigureObject) throws {
        for name in ["sharex", "sharey"] {
            guard let value = args.keyword(name), !value.isNil else { continue }
            let text: String
            switch value {
            case .bool(let on): text = on ? "all" : "none"
            case .string(let s): text = s
            default: throw SomaError.type("\(args.callee): \(name) must be true, false, \"col\" or \"row\", got a \(value.typeName)")
            }
            let sharing = try plotCall(args.callee) { try AxisSharing(parsing: text) }
            if name == "sharex" { figure.figure.sharex = sharing } else { figure.figure.sharey = sharing }
        }
    }

    /// Titles, labels, legend, grid, limits and scales of the current axes.
    static var plotLabels: [Builtin] {
        [
            textSetter("title", """
                Sets the title of the current axes. Any label may hold math between dollars:
                Greek letters, sub- and superscripts, \\frac (braces doubled inside a string).
                    title("membrane time constant $\\\\tau_m$"); xlabel("$v_{{in}}$"); ylabel("$x^2$")
                """) { $0.title = $1 },
            textSetter("xlabel", "Labels the x axis of the current axes.") { $0.xlabel = $1 },
            textSetter("ylabel", "Labels the y axis of the current axes.") { $0.ylabel = $1 },
            Builtin("legend(loc?)", doc: """
                Shows a legend of the labelled series; "best" places it where it covers the least
                data (right of the plot when every spot inside covers some), or pass "upper right",
                "lower left", "center", ..., or "outside".
                    legend(loc: "upper left")
                """) { args in
                let text = try args.optional(0, "loc").map { _ in try args.string(0, "loc") } ?? "best"
                let location = try plotCall("legend") { try Axes.LegendLocation(parsing: text) }
                try plots(args).withAxes { $0.legend = location }
                return .nil
            },
            Builtin("grid(on?)", doc: "Shows grid lines at the major ticks (`grid(false)` hides them).") { args in
                let on = try args.optional(0, "on").map { _ in try args.bool(0, "on") } ?? true
                try plots(args).withAxes { $0.grid = on }
                return .nil
            },
            limitSetter("xlim") { $0.xlim = $1 },
            limitSetter("ylim") { $0.ylim = $1 },
            scaleSetter("xscale") { $0.xscale = $1 },
            scaleSetter("yscale") { $0.yscale = $1 },
        ]
    }

    private static func textSetter(_ name: String, _ doc: String, _ set: @escaping (inout Axes, String) -> Void) -> Builtin {
        Builtin("\(name)(text)", doc: doc) { args in
            let text = try args.value(0, "text")
            let string = text.stringValue ?? args.context.text(text)
            try plots(args).withAxes { set(&$0, string) }
            return .nil
        }
    }

    private static func limitSetter(_ name: String, _ set: @escaping (inout Axes, (Double, Double)?) -> Void) -> Builtin {
        Builtin("\(name)(lo, hi)", doc: """
            Fixes the \(name.prefix(1)) range of the current axes to lo..hi (`\(name)(nil)` fits the data again).
            """) { args in
            if args.count == 1, args.positional[0].isNil {
                try plots(args).withAxes { set(&$0, nil) }
                return .nil
            }
            var lo: Double, hi: Double
            if args.count == 1 {
                let pair = try args.tensor(0, "lo")
                guard pair.count == 2 else { throw SomaError.value("\(name): pass lo and hi, or [lo, hi]") }
                (lo, hi) = (pair.data[0], pair.data[1])
            } else {
                (lo, hi) = (try args.number(0, "lo"), try args.number(1, "hi"))
            }
            guard lo.isFinite, hi.isFinite, lo != hi else {
                throw SomaError.value("\(name): lo and hi must be finite and different, got \(formatNumber(lo)) and \(formatNumber(hi))")
            }
            try plots(args).withAxes { set(&$0, (lo, hi)) }
            return .nil
        }
    }

    private static func scaleSetter(_ name: String, _ set: @escaping (inout Axes, Scale) -> Void) -> Builtin {
        Builtin("\(name)(scale)", doc: "Sets the \(name.prefix(1)) axis scale: \"linear\" or \"log\" (values ≤ 0 are left out).") { args in
            let scale = try plotCall(name) { try Scale(parsing: try args.string(0, "scale")) }
            try plots(args).withAxes { set(&$0, scale) }
            return .nil
        }
    }
}
