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
}
