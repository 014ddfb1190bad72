/// Filled contours: the bands between consecutive levels, coloured through a colormap.
///
/// The gridded function is resampled bilinearly onto a fine grid and every sample takes the
/// colour of the band its value falls in, so band edges follow the iso-lines to within a
/// pixel at figure sizes (decision regions, loss surfaces). The resampling assumes evenly
/// spaced x and y, as `linspace` grids are.
extension Axes {
    /// Adds filled contours of z (rows x columns) over grid coordinates x (columns) and y (rows).
    /// - Parameters:
    ///   - levels: band edges, increasing; nil picks about 8 nice bands over z's range.
    ///     Values outside the first and last edge stay unfilled, as in matplotlib.
    ///   - alpha: opacity of the bands.
    ///   - resolution: samples per side of the resampled picture (at most 1024).
    public mutating func contourf(z: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil,
                                  levels: [Double]? = nil, colormap: Colormap = .viridis, alpha: Double = 1,
                                  resolution: Int = 400) throws {
        guard rows >= 2, columns >= 2, z.count == rows * columns else {
            throw PlotError.badData("contourf: \(z.count) values do not fill a \(rows)x\(columns) grid of at least 2x2")
        }
        let xs = x ?? (0..<columns).map(Double.init), ys = y ?? (0..<rows).map(Double.init)
        guard xs.count == columns, ys.count == rows else {
            throw PlotError.badData("contourf: x needs \(columns) values and y \(rows), got \(xs.count) and \(ys.count)")
        }
        guard Axes.strictlyMonotonic(xs), Axes.strictlyMonotonic(ys) else {
            throw PlotError.badData("contourf: x and y must be finite and strictly increasing or decreasing")
        }
        guard alpha.isFinite, alpha >= 0, alpha <= 1 else {
            throw PlotError.badArgument("contourf: alpha must be between 0 and 1")
        }
        let finite = z.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            throw PlotError.badData("contourf: z has no finite values")
        }
        let edges = try Axes.bandEdges(levels, lo: lo, hi: hi)
        let side = min(1024, max(2, resolution))
        // Never coarser than the data grid itself.
        let outW = max(side, min(1024, columns)), outH = max(side, min(1024, rows))
        var bands = [Double](repeating: .nan, count: outW * outH)
        let bandCount = edges.count - 1
        for r in 0..<outH {
            let fy = (Double(r) + 0.5) / Double(outH) * Double(rows - 1)
            let r0 = min(rows - 2, Int(fy)), ty = fy - Double(r0)
            for c in 0..<outW {
                let fx = (Double(c) + 0.5) / Double(outW) * Double(columns - 1)
                let c0 = min(columns - 2, Int(fx)), tx = fx - Double(c0)
                let a = z[r0 * columns + c0], b = z[r0 * columns + c0 + 1]
                let d = z[(r0 + 1) * columns + c0], e = z[(r0 + 1) * columns + c0 + 1]
                let v = (a * (1 - tx) + b * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty
                bands[r * outW + c] = Axes.band(of: v, edges: edges)
            }
        }
        var image = ImageData(values: bands, rows: outH, columns: outW, colormap: colormap,
                              vmin: 0, vmax: Double(max(1, bandCount - 1)))
        image.extent = ImageExtent(x0: xs[0], x1: xs[columns - 1], y0: ys[0], y1: ys[rows - 1])
        image.alpha = alpha
        series.append(Series(kind: .image(image), color: colormap.color(at: 0.5)))
    }

    /// The band index of v (0 for edges[0]...edges[1]), or NaN outside all bands.
    static func band(of v: Double, edges: [Double]) -> Double {
        guard v.isFinite, let first = edges.first, let last = edges.last, v >= first, v <= last else { return .nan }
        var lo = 0, hi = edges.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if v < edges[mid] { hi = mid } else { lo = mid }
        }
        return Double(lo)
    }

    /// Increasing band edges: the given levels, or nice values spanning lo...hi.
    static func bandEdges(_ levels: [Double]?, lo: Double, hi: Double) throws -> [Double] {
        if let levels {
            guard levels.count >= 2, levels.count <= 1000, levels.allSatisfy(\.isFinite),
                  zip(levels, levels.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw PlotError.badArgument("contourf: levels must be 2 to 1000 increasing finite values")
            }
            return levels
        }
        guard hi > lo else { return [lo - 0.5, lo + 0.5] }
        let ticks = Ticks.linear(lo, hi, maxBins: 8).ticks
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : hi - lo
        var edges = ticks.filter { $0 > lo && $0 < hi }
        // Extend one step past the data on both ends so every value falls in a band.
        edges.insert((edges.first ?? hi) - step, at: 0)
        while let first = edges.first, first > lo { edges.insert(first - step, at: 0) }
        edges.append((edges.last ?? lo) + step)
        while let last = edges.last, last < hi { edges.append(last + step) }
        return edges
    }

    static func strictlyMonotonic(_ v: [Double]) -> Bool {
        guard v.allSatisfy(\.isFinite) else { return false }
        let pairs = zip(v, v.dropFirst())
        return pairs.allSatisfy { $0 < $1 } || pairs.allSatisfy { $0 > $1 }
    }
}
