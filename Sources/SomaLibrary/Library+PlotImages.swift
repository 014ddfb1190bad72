import SomaCore
import SomaLang
import SomaPlot

extension Library {
    /// Matrix pictures: images, heatmaps, image grids and contour lines.
    static var plotImages: [Builtin] {
        [
            Builtin("imshow(M, cmap: \"viridis\", colorbar: false, vmin:, vmax:, aspect: \"equal\", labels: false)", doc: """
                Shows a matrix as an image, row 0 on top, through a colormap (viridis, gray, coolwarm).
                `aspect: "auto"` stretches it to the axes (heatmaps). `labels: true` writes each
                value in its cell, black or white against the cell's colour.
                Example:
                    seed(1); W = randn(8, 8)
                    subplot(1, 2, 1); imshow(W, cmap: "coolwarm", colorbar: true)
                    subplot(1, 2, 2); imshow([[50, 3], [5, 42]], labels: true)
                """) { args in
                let m = try args.tensor(0, "M")
                let (rows, cols) = try matrixShape(m, "imshow")
                let cmap = try colormapKeyword(args, default: "viridis")
                let colorbar = try args.keywordBool("colorbar", default: false)
                let aspect = try args.keywordString("aspect", default: "equal")
                guard aspect == "equal" || aspect == "auto" else {
                    throw SomaError.value("imshow: aspect must be \"equal\" or \"auto\"")
                }
                let vmin = try args.keywordNumber("vmin"), vmax = try args.keywordNumber("vmax")
                let labels = try args.keywordBool("labels", default: false)
                try imageBudget(rows * cols, "imshow")
                try plots(args).withAxes { axes in
                    try plotCall("imshow") {
                        try axes.imshow(m.data, rows: rows, columns: cols, colormap: cmap, vmin: vmin, vmax: vmax,
                                        colorbar: colorbar, equalAspect: aspect == "equal")
                        if labels { try axes.labelCells() }
                    }
                }
                return .nil
            },
            Builtin("imgrid(W, rows:, cols:, shape:, cmap: \"gray\", normalize: \"all\")", doc: """
                Tiles many small images with thin separators, one image per row of W.
                Each row is an image of `shape` [h, w] (default square). `normalize: "each"`
                scales every tile to its own range (filters, SOM weights); "all" uses one range (digits).
                Example: imgrid(digits().images[0:40], rows: 4, cols: 10, shape: [8, 8])
                """) { args in
                let w = try args.tensor(0, "W")
                let (count, height, width) = try tileShape(w, args)
                let rows = try countKeyword(args, "rows", in: 1...10_000), cols = try countKeyword(args, "cols", in: 1...10_000)
                try imageBudget(w.count, "imgrid")
                let cmap = try colormapKeyword(args, default: "gray")
                let normalize = try args.keywordString("normalize", default: "all")
                guard normalize == "all" || normalize == "each" else {
                    throw SomaError.value("imgrid: normalize must be \"all\" or \"each\"")
                }
                try plots(args).withAxes { axes in
                    try plotCall("imgrid") {
                        try axes.imgrid(w.data, count: count, height: height, width: width, rows: rows, columns: cols,
                                        colormap: cmap, normalizeEach: normalize == "each")
                    }
                }
                return .nil
            },
            Builtin("contour(x?, y?, Z, levels:, color:, cmap: \"viridis\", width: 1.5, label:)", doc: """
                Draws contour lines of the matrix Z (rows follow y, columns follow x).
                `levels` is a count or a list of values; a decision boundary is
                `contour(xs, ys, P, levels: [0.5])`.
                Example:
                    xs = linspace(-2, 2, 41); ys = linspace(-2, 2, 41)
                    Z = reshape(ys, -1, 1)^2 + reshape(xs, 1, -1)^2
                    contour(xs, ys, Z, levels: [0.5, 1, 2, 3])
                """) { args in
                let (x, y, z) = try contourArguments(args)
                let (rows, cols) = try matrixShape(z, "contour")
                // Tracing numbers every grid edge (two 4-byte entries each, about 2 per point).
                try imageBudget(rows * cols, "contour")
                var levels: [Double]?
                if let value = args.keyword("levels"), !value.isNil {
                    if let n = value.numberValue {
                        guard let count = Int(exactly: n), count >= 1, count <= 100 else {
                            throw SomaError.value("contour: levels must be a count from 1 to 100 or a list of values")
                        }
                        let finite = z.data.filter(\.isFinite)
                        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
                        levels = (1...count).map { lo + (hi - lo) * Double($0) / Double(count + 1) }
                    } else {
                        levels = try args.convertedTensor(value, "levels").data
                        guard levels?.count ?? 0 <= 1000 else { throw SomaError.value("contour: at most 1000 levels") }
                    }
                }
                let color = try colorKeyword(args)
                let cmap = try colormapKeyword(args, default: "viridis")
                let width = try lineWidthKeyword(args, default: 1.5)
                let label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("contour") {
                        try axes.contour(z: z.data, rows: rows, columns: cols, x: x, y: y, levels: levels, color: color,
                                         colormap: cmap, width: width, label: label) { try args.context.checkInterrupt() }
                    }
                }
                return .nil
            },
        ]
    }
}

/// Throws `error[limit]` unless an image of `pixels` fits the memory budget:
/// a figure keeps the values (8 bytes a pixel) and draws them through a
/// colour buffer (32 bytes a pixel).
func imageBudget(_ pixels: Int, _ callee: String) throws {
    do { try MemoryBudget.check(count: pixels, elementBytes: 40, "\(callee): an image of \(pixels) pixels") }
    catch let e as TensorError { throw SomaError(e) }
}

/// Rows and columns of a matrix argument.
func matrixShape(_ m: Tensor, _ callee: String) throws -> (Int, Int) {
    guard m.rank == 2, m.shape[0] > 0, m.shape[1] > 0 else {
        throw SomaError.shape("\(callee): expected a matrix, got shape \(m.shape)")
    }
    return (m.shape[0], m.shape[1])
}

/// Image count and tile size for `imgrid`: N x h x w, or N x (h*w) with `shape:` or a square default.
func tileShape(_ w: Tensor, _ args: Arguments) throws -> (Int, Int, Int) {
    if w.rank == 3 { return (w.shape[0], w.shape[1], w.shape[2]) }
    guard w.rank == 2, w.shape[0] > 0, w.shape[1] > 0 else {
        throw SomaError.shape("imgrid: W must hold one image per row (N x h*w) or be N x h x w, got shape \(w.shape)")
    }
    let size = w.shape[1]
    if let shape = try args.keywordTensor("shape") {
        guard shape.count == 2, let h = Int(exactly: shape.data[0]), let wd = Int(exactly: shape.data[1]),
              h > 0, wd > 0, h <= size, wd <= size, h * wd == size else {
            throw SomaError.shape("imgrid: shape must be [h, w] with h * w = \(size)")
        }
        return (w.shape[0], h, wd)
    }
    let side = Int(Double(size).squareRoot().rounded())
    guard side * side == size else {
        throw SomaError.shape("imgrid: rows of \(size) values are not square images; pass shape: [h, w]")
    }
    return (w.shape[0], side, side)
}

/// `contour`'s positionals: (Z) or (x, y, Z).
func contourArguments(_ args: Arguments) throws -> ([Double]?, [Double]?, Tensor) {
    switch args.count {
    case 1: return (nil, nil, try args.tensor(0, "Z"))
    case 3: return (try numbers(args, 0, "x"), try numbers(args, 1, "y"), try args.tensor(2, "Z"))
    default: throw SomaError.type("contour: pass Z, or x, y and Z")
    }
}

/// `cmap:` as a colormap.
func colormapKeyword(_ args: Arguments, default fallback: String) throws -> Colormap {
    let name = try args.keywordString("cmap", default: fallback)
    return try plotCall(args.callee) { try Colormap(named: name) }
}

extension Library {
    /// `colorbar()`: the colour scale of the current axes' latest image.
    static var plotColorbar: Builtin {
        Builtin("colorbar(label?)", doc: """
            Draws the colour scale of the latest image on the current axes beside it.
            Example: imshow(outer(linspace(0, 1, 10), linspace(0, 1, 10))); colorbar("product")
            """) { args in
            let label = try args.optional(0, "label").map { _ in try args.string(0, "label") }
            try plots(args).withAxes { axes in
                for series in axes.series.reversed() {
                    if case .image(let image) = series.kind {
                        axes.colorbar = ColorbarSpec(colormap: image.colormap, vmin: image.vmin, vmax: image.vmax, label: label)
                        return
                    }
                }
                throw SomaError.value("colorbar: the current axes show no image; call imshow first")
            }
            return .nil
        }
    }
}
