import SomaCore
import SomaLang
import SomaPlot

extension Library {
    /// Error bars and a second y axis on the current axes.
    static var plotErrorAndTwin: [Builtin] {
        [
            Builtin("errorbar(x, y, yerr?, fmt?, xerr:, capsize: 0, color:, width: 1.5, label:)", doc: """
                Draws y against x with an error bar at each point, as matplotlib's errorbar.
                `yerr` (and `xerr`) is one number for every point, one per point (symmetric), or a
                2 x n matrix (or a list of two lists) of distances below and above. `fmt` is a format
                string ("o-", "s", "r--"); "none" draws only the bars. `capsize` is the length of the
                caps at the bar ends in points (0: no caps). A NaN error leaves that bar out.
                Example: errorbar([1, 2, 3], [2.0, 2.5, 2.2], [0.3, 0.2, 0.4], "o-", capsize: 3, label: "mean ± sd")
                """) { args in
                let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                var fmt = try args.keywordString("fmt")
                var yerrValue = args.optional(2, "yerr")
                if case .string(let s)? = yerrValue {
                    fmt = s
                    yerrValue = nil
                } else if args.count > 3 {
                    fmt = try args.string(3, "fmt")
                }
                let yerr = try yerrValue.map { try errorRange(args, $0, "yerr", count: x.count) }
                let xerr = try args.keyword("xerr").flatMap { $0.isNil ? nil : try errorRange(args, $0, "xerr", count: x.count) }
                let capsize = try args.keywordNumber("capsize", default: 0)
                let width = try lineWidthKeyword(args, default: 1.5)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("errorbar") {
                        try axes.errorbar(x: x, y: y, yerr: yerr, xerr: xerr, format: fmt, capsize: capsize,
                                          color: color, width: width, label: label)
                    }
                }
                return .nil
            },
            Builtin("twinx()", doc: """
                Adds a second y axis on the right of the current axes, sharing its x axis, and makes it
                current: the next plot, ylabel, ylim, yscale and legend calls act on it (its colours
                continue the cycle of the first axes, so the two curves differ). `legend()` after
                `twinx()` lists the curves of both axes in one box. `subplot` goes back to the first
                axes. Use it for two quantities of different units over the same x, such as loss and
                accuracy over epochs.
                Example: plot([1, 2, 3], [0.9, 0.5, 0.3], label: "loss"); twinx(); plot([1, 2, 3], [0.6, 0.8, 0.9], label: "accuracy"); ylabel("accuracy")
                """) { args in
                let figure = plots(args).currentFigure()
                figure.figure.twinx()
                return .nil
            },
        ]
    }

    /// An error size argument: a number, one per point, or 2 x n (below, above).
    private static func errorRange(_ args: Arguments, _ value: Value, _ name: String, count: Int) throws -> ErrorRange {
        if let number = value.numberValue {
            return ErrorRange(symmetric: [Double](repeating: number, count: count))
        }
        let t = try args.convertedTensor(value, name)
        if t.rank == 2 {
            guard t.shape[0] == 2, t.shape[1] == count else {
                throw SomaError.shape("errorbar: \(name) must be n or 2 x n values for \(count) points, got shape \(t.shape)")
            }
            return ErrorRange(lower: Array(t.data[0..<count]), upper: Array(t.data[count..<(2 * count)]))
        }
        guard t.rank <= 1, t.count == count else {
            throw SomaError.shape("errorbar: \(name) has \(t.count) values for \(count) points")
        }
        return ErrorRange(symmetric: t.data)
    }
}
