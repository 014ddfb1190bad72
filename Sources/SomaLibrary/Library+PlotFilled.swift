import SomaCore
import SomaLang
import SomaPlot

extension Library {
    /// Filled contours and the figure's overall title.
    static var plotFilled: [Builtin] {
        [
            Builtin("contourf(x?, y?, Z, levels:, cmap: \"viridis\", alpha: 1)", doc: """
                Fills the bands between contour levels of the matrix Z: decision regions, loss surfaces.
                Rows of Z follow y, columns follow x. `levels` is a count of bands or a list
                of band edges; values outside the edges stay blank.
                Example:
                    xs = linspace(-2, 2, 41); ys = linspace(-2, 2, 41)
                    P = logistic(reshape(ys, -1, 1) + reshape(xs, 1, -1))
                    contourf(xs, ys, P, levels: [0, 0.5, 1], cmap: "coolwarm", alpha: 0.3)
                """) { args in
                let (x, y, z) = try contourArguments(args)
                let (rows, cols) = try matrixShape(z, "contourf")
                var levels: [Double]?
                if let value = args.keyword("levels"), !value.isNil {
                    if let n = value.numberValue {
                        guard let count = Int(exactly: n), count >= 1, count <= 100 else {
                            throw SomaError.value("contourf: levels must be a count of bands from 1 to 100 or a list of edges")
                        }
                        let finite = z.data.filter(\.isFinite)
                        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
                        let span = hi > lo ? hi - lo : 1
                        levels = (0...count).map { lo + span * Double($0) / Double(count) }
                    } else {
                        levels = try args.convertedTensor(value, "levels").data
                    }
                }
                let cmap = try colormapKeyword(args, default: "viridis")
                let alpha = try args.keywordNumber("alpha", default: 1)
                try plots(args).withAxes { axes in
                    try plotCall("contourf") {
                        try axes.contourf(z: z.data, rows: rows, columns: cols, x: x, y: y, levels: levels,
                                          colormap: cmap, alpha: alpha)
                    }
                }
                return .nil
            },
            Builtin("suptitle(text)", doc: """
                Sets the title of the whole figure, above all its subplots.
                Example:
                    subplot(1, 2, 1); plot([1, 2]); subplot(1, 2, 2); plot([2, 1])
                    suptitle("two neurons, weights 0.4 and -0.25")
                """) { args in
                let text = try args.value(0, "text")
                let string = text.stringValue ?? args.context.text(text)
                plots(args).currentFigure().figure.title = string
                return .nil
            },
        ]
    }
}
