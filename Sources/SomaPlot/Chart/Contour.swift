/// Iso-lines of a gridded function by marching squares, joined into polylines.
///
/// Linear in the grid per level: crossings live on grid edges numbered in
/// flat arrays (each edge borders at most two cells, so at most two
/// segments), and chaining follows those numbers. A dictionary of edges with
/// an array per entry made `contour(rand(400, 400), levels: 100)` take 34 s.
enum Contour {
    /// Traces the `level` set of z (rows x columns, z[r * columns + c] at (x[c], y[r])).
    static func trace(z: [Double], x: [Double], y: [Double], level: Double) -> [[Point]] {
        let rows = y.count, columns = x.count
        guard rows >= 2, columns >= 2, z.count == rows * columns else { return [] }
        let edges = Edges(rows: rows, columns: columns)
        // Segment k joins the crossings on edges ends[2k] and ends[2k + 1].
        var ends: [Int32] = []
        func value(_ r: Int, _ c: Int) -> Double { z[r * columns + c] }
        for r in 0..<(rows - 1) {
            for c in 0..<(columns - 1) {
                let v0 = value(r, c), v1 = value(r, c + 1), v2 = value(r + 1, c + 1), v3 = value(r + 1, c)
                guard v0.isFinite, v1.isFinite, v2.isFinite, v3.isFinite else { continue }
                var index = 0
                if v0 > level { index |= 1 }
                if v1 > level { index |= 2 }
                if v2 > level { index |= 4 }
                if v3 > level { index |= 8 }
                if index == 0 || index == 15 { continue }
                let bottom = edges.horizontal(r, c), right = edges.vertical(r, c + 1)
                let top = edges.horizontal(r + 1, c), left = edges.vertical(r, c)
                func add(_ a: Int32, _ b: Int32) { ends.append(a); ends.append(b) }
                let centre = (v0 + v1 + v2 + v3) / 4 > level
                switch index {
                case 1, 14: add(left, bottom)
                case 2, 13: add(bottom, right)
                case 3, 12: add(left, right)
                case 4, 11: add(right, top)
                case 6, 9: add(bottom, top)
                case 7, 8: add(left, top)
                case 5: // Saddle: the centre value decides which corners connect.
                    if centre { add(left, top); add(bottom, right) } else { add(left, bottom); add(right, top) }
                case 10:
                    if centre { add(left, bottom); add(right, top) } else { add(left, top); add(bottom, right) }
                default: break
                }
            }
        }
        func crossing(_ e: Int32) -> Point {
            let (r, c, vertical) = edges.location(e)
            let (r2, c2) = vertical ? (r + 1, c) : (r, c + 1)
            let a = value(r, c), b = value(r2, c2)
            let t = b == a ? 0.5 : min(1, max(0, (level - a) / (b - a)))
            return Point(x[c] + t * (x[c2] - x[c]), y[r] + t * (y[r2] - y[r]))
        }
        return chain(ends, edgeCount: edges.count).map { $0.map(crossing) }
    }

    /// Joins segments that share an edge crossing into the longest polylines.
    private static func chain(_ ends: [Int32], edgeCount: Int) -> [[Int32]] {
        let segments = ends.count / 2
        // The (at most two) segments touching each edge.
        var first = [Int32](repeating: -1, count: edgeCount), second = first
        for k in 0..<segments {
            for e in [ends[2 * k], ends[2 * k + 1]] {
                if first[Int(e)] < 0 { first[Int(e)] = Int32(k) } else { second[Int(e)] = Int32(k) }
            }
        }
        var used = [Bool](repeating: false, count: segments)
        /// The unused segment at edge `e`, if any.
        func next(at e: Int32) -> Int? {
            let a = Int(first[Int(e)]), b = Int(second[Int(e)])
            if a >= 0 && !used[a] { return a }
            if b >= 0 && !used[b] { return b }
            return nil
        }
        func extend(_ line: inout [Int32]) {
            while let end = line.last, let k = next(at: end) {
                used[k] = true
                line.append(ends[2 * k] == end ? ends[2 * k + 1] : ends[2 * k])
            }
        }
        var lines: [[Int32]] = []
        for k in 0..<segments where !used[k] {
            used[k] = true
            var forward = [ends[2 * k], ends[2 * k + 1]]
            extend(&forward)
            var backward = [ends[2 * k]]
            extend(&backward)
            lines.append(backward.reversed() + forward.dropFirst())
        }
        return lines
    }

    /// Numbers for the edges of a rows x columns grid: horizontal edges
    /// (node (r, c) to (r, c + 1)) first, then vertical ones ((r, c) to (r + 1, c)).
    private struct Edges {
        let rows: Int
        let columns: Int
        var horizontalCount: Int { rows * (columns - 1) }
        var count: Int { horizontalCount + (rows - 1) * columns }

        func horizontal(_ r: Int, _ c: Int) -> Int32 { Int32(r * (columns - 1) + c) }
        func vertical(_ r: Int, _ c: Int) -> Int32 { Int32(horizontalCount + r * columns + c) }

        func location(_ e: Int32) -> (r: Int, c: Int, vertical: Bool) {
            let i = Int(e)
            if i < horizontalCount { return (i / (columns - 1), i % (columns - 1), false) }
            let j = i - horizontalCount
            return (j / columns, j % columns, true)
        }
    }
}

extension Axes {
    /// Adds contour lines of z (rows x columns) over grid coordinates x (columns) and y (rows).
    /// - Parameters:
    ///   - levels: the values to trace; nil picks about 7 nice levels.
    ///   - color: one colour for all levels; nil colours them through `colormap`.
    ///   - poll: called before each level; throwing stops the tracing (an interrupt).
    public mutating func contour(z: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil,
                                 levels: [Double]? = nil, color: Color? = nil, colormap: Colormap = .viridis,
                                 width: Double = 1.5, label: String? = nil,
                                 poll: () throws -> Void = {}) throws {
        guard rows >= 2, columns >= 2, z.count == rows * columns else {
            throw PlotError.badData("contour: \(z.count) values do not fill a \(rows)x\(columns) grid of at least 2x2")
        }
        let xs = x ?? (0..<columns).map(Double.init), ys = y ?? (0..<rows).map(Double.init)
        guard xs.count == columns, ys.count == rows else {
            throw PlotError.badData("contour: x needs \(columns) values and y \(rows), got \(xs.count) and \(ys.count)")
        }
        let finite = z.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            throw PlotError.badData("contour: z has no finite values")
        }
        if let levels, levels.count > 1000 {
            throw PlotError.badArgument("contour: at most 1000 levels, got \(levels.count)")
        }
        let chosen = levels ?? Ticks.linear(lo, hi, maxBins: 7).ticks.filter { $0 > lo && $0 < hi }
        let span = (chosen.max() ?? 1) - (chosen.min() ?? 0)
        let traced = try chosen.map { level -> ContourLevel in
            try poll()
            let t = span > 0 ? (level - (chosen.min() ?? 0)) / span : 0.5
            return ContourLevel(value: level, color: color ?? colormap.color(at: t),
                                lines: Contour.trace(z: z, x: xs, y: ys, level: level))
        }
        series.append(Series(kind: .contour(levels: traced, width: width),
                             color: color ?? colormap.color(at: 0.5), label: label))
    }
}
