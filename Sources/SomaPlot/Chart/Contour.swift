/// Iso-lines of a gridded function by marching squares, joined into polylines.
enum Contour {
    /// Traces the `level` set of z (rows x columns, z[r * columns + c] at (x[c], y[r])).
    static func trace(z: [Double], x: [Double], y: [Double], level: Double) -> [[Point]] {
        let rows = y.count, columns = x.count
        guard rows >= 2, columns >= 2, z.count == rows * columns else { return [] }
        // Each crossing sits on a grid edge; edges are keyed so segments that
        // share a crossing can be chained.
        var segments: [(EdgeKey, EdgeKey)] = []
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
                let bottom = EdgeKey(r: r, c: c, vertical: false), right = EdgeKey(r: r, c: c + 1, vertical: true)
                let top = EdgeKey(r: r + 1, c: c, vertical: false), left = EdgeKey(r: r, c: c, vertical: true)
                let centre = (v0 + v1 + v2 + v3) / 4 > level
                switch index {
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5: // Saddle: the centre value decides which corners connect.
                    if centre { segments.append((left, top)); segments.append((bottom, right)) }
                    else { segments.append((left, bottom)); segments.append((right, top)) }
                case 10:
                    if centre { segments.append((left, bottom)); segments.append((right, top)) }
                    else { segments.append((left, top)); segments.append((bottom, right)) }
                default: break
                }
            }
        }
        func crossing(_ e: EdgeKey) -> Point {
            let (r2, c2) = e.vertical ? (e.r + 1, e.c) : (e.r, e.c + 1)
            let a = value(e.r, e.c), b = value(r2, c2)
            let t = b == a ? 0.5 : min(1, max(0, (level - a) / (b - a)))
            return Point(x[e.c] + t * (x[c2] - x[e.c]), y[e.r] + t * (y[r2] - y[e.r]))
        }
        return chain(segments).map { $0.map(crossing) }
    }

    /// Joins segments that share an edge crossing into the longest polylines.
    private static func chain(_ segments: [(EdgeKey, EdgeKey)]) -> [[EdgeKey]] {
        var touching: [EdgeKey: [Int]] = [:]
        for (i, s) in segments.enumerated() {
            touching[s.0, default: []].append(i)
            touching[s.1, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[EdgeKey]] = []
        func extend(_ line: inout [EdgeKey]) {
            while let end = line.last,
                  let next = touching[end]?.first(where: { !used[$0] }) {
                used[next] = true
                let s = segments[next]
                line.append(s.0 == end ? s.1 : s.0)
            }
        }
        for i in segments.indices where !used[i] {
            used[i] = true
            var forward = [segments[i].0, segments[i].1]
            extend(&forward)
            var backward = [segments[i].0]
            extend(&backward)
            lines.append(backward.reversed() + forward.dropFirst())
        }
        return lines
    }

    /// A grid edge: from node (r, c) to the next node up (vertical) or right.
    private struct EdgeKey: Hashable {
        let r: Int
        let c: Int
        let vertical: Bool
    }
}

extension Axes {
    /// Adds contour lines of z (rows x columns) over grid coordinates x (columns) and y (rows).
    /// - Parameters:
    ///   - levels: the values to trace; nil picks about 7 nice levels.
    ///   - color: one colour for all levels; nil colours them through `colormap`.
    public mutating func contour(z: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil,
                                 levels: [Double]? = nil, color: Color? = nil, colormap: Colormap = .viridis,
                                 width: Double = 1.5, label: String? = nil) throws {
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
        let traced = chosen.map { level -> ContourLevel in
            let t = span > 0 ? (level - (chosen.min() ?? 0)) / span : 0.5
            return ContourLevel(value: level, color: color ?? colormap.color(at: t),
                                lines: Contour.trace(z: z, x: xs, y: ys, level: level))
        }
        series.append(Series(kind: .contour(levels: traced, width: width),
                             color: color ?? colormap.color(at: 0.5), label: label))
    }
}
