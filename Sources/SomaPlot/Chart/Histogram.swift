/// Counts of values in equal-width bins, as `numpy.histogram` computes them.
struct Histogram {
    let counts: [Double]
    let edges: [Double]

    /// Bins `values` (non-finite ones ignored); the last bin includes its right edge.
    /// - Throws: `PlotError.badArgument` for fewer than one bin or a bad range.
    init(_ values: [Double], bins: Int, range: (Double, Double)?, density: Bool) throws {
        guard bins >= 1, bins <= 100_000 else {
            throw PlotError.badArgument("hist: bins must be between 1 and 100000, got \(bins)")
        }
        let finite = values.filter(\.isFinite)
        var (lo, hi) = range ?? (finite.min() ?? 0, finite.max() ?? 1)
        guard lo.isFinite, hi.isFinite, lo <= hi else {
            throw PlotError.badArgument("hist: range must be finite with low ≤ high")
        }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        var width = (hi - lo) / Double(bins)
        // A range too narrow (or wide) for doubles falls back to unit bins around lo.
        if !(width > 0 && width.isFinite) {
            hi = lo + Double(bins)
            width = 1
        }
        var counts = [Double](repeating: 0, count: bins)
        for v in finite where v >= lo && v <= hi {
            let index = min(bins - 1, max(0, Int(min(Double(bins), (v - lo) / width))))
            counts[index] += 1
        }
        if density {
            let total = counts.reduce(0, +)
            if total > 0 { counts = counts.map { $0 / (total * width) } }
        }
        self.counts = counts
        edges = (0...bins).map { lo + Double($0) * width }
    }

    /// Bins `values` into the given increasing edges; the last bin includes its right edge.
    /// - Throws: `PlotError.badArgument` unless there are at least two finite, increasing edges.
    init(_ values: [Double], edges: [Double], density: Bool) throws {
        guard edges.count >= 2, edges.count <= 100_001, edges.allSatisfy(\.isFinite),
              zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw PlotError.badArgument("hist: bin edges must be at least two finite, increasing numbers")
        }
        var counts = [Double](repeating: 0, count: edges.count - 1)
        for v in values where v.isFinite && v >= edges[0] && v <= edges[edges.count - 1] {
            // The last edge not above v, by bisection.
            var lo = 0, hi = edges.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if edges[mid] <= v { lo = mid } else { hi = mid }
            }
            counts[lo] += 1
        }
        if density {
            let total = counts.reduce(0, +)
            if total > 0 {
                counts = counts.indices.map { counts[$0] / (total * (edges[$0 + 1] - edges[$0])) }
            }
        }
        self.counts = counts
        self.edges = edges
    }
}
