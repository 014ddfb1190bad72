extension Axes {
    /// Tiles many small images (one per row of `images`) into one picture with
    /// blank separators: SOM weights, digits, autoencoder filters.
    ///
    ///     try axes.imgrid(weights, count: 400, height: 8, width: 8, rows: 20, columns: 20)
    /// - Parameters:
    ///   - images: `count` images of `height * width` values each, back to back.
    ///   - rows, columns: the tiling; nil picks a near-square grid.
    ///   - normalizeEach: scales every tile to its own range (filters); otherwise
    ///     one range serves all tiles (digits).
    public mutating func imgrid(_ images: [Double], count: Int, height: Int, width: Int,
                                rows: Int? = nil, columns: Int? = nil, colormap: Colormap? = nil,
                                normalizeEach: Bool = false) throws {
        guard count > 0, height > 0, width > 0, images.count == count * height * width else {
            throw PlotError.badData("imgrid: \(images.count) values are not \(count) images of \(height)x\(width)")
        }
        let cols = columns ?? rows.map { (count + $0 - 1) / max(1, $0) } ?? Int(saturating: Double(count).squareRoot().rounded(.up))
        let rowCount = rows ?? (count + max(1, cols) - 1) / max(1, cols)
        guard cols > 0, rowCount > 0, rowCount * cols >= count, rowCount <= 4096, cols <= 4096 else {
            throw PlotError.badArgument("imgrid: a \(rowCount)x\(cols) grid cannot hold \(count) images")
        }
        guard (rowCount * (height + 1)) * (cols * (width + 1)) <= 50_000_000 else {
            throw PlotError.badArgument("imgrid: a \(rowCount)x\(cols) grid of \(height)x\(width) images is too large to draw")
        }
        // One blank cell between tiles; thin relative to the tile so large grids stay readable.
        let gap = 1
        let totalW = cols * width + (cols - 1) * gap, totalH = rowCount * height + (rowCount - 1) * gap
        var canvas = [Double](repeating: .nan, count: totalW * totalH)
        for k in 0..<count {
            let tile = Array(images[(k * height * width)..<((k + 1) * height * width)])
            var lo = 0.0, hi = 1.0
            if normalizeEach {
                let finite = tile.filter(\.isFinite)
                lo = finite.min() ?? 0
                hi = finite.max() ?? 1
            }
            let r0 = (k / cols) * (height + gap), c0 = (k % cols) * (width + gap)
            for r in 0..<height {
                for c in 0..<width {
                    let v = tile[r * width + c]
                    canvas[(r0 + r) * totalW + c0 + c] = normalizeEach ? (hi > lo ? (v - lo) / (hi - lo) : 0.5) : v
                }
            }
        }
        try imshow(canvas, rows: totalH, columns: totalW, colormap: colormap ?? (try Colormap(named: "gray")),
                   vmin: normalizeEach ? 0 : nil, vmax: normalizeEach ? 1 : nil)
        axisHidden = true
    }
}
