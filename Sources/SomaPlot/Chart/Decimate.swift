/// Thins a long polyline to what a pixel grid can show: consecutive points that fall in the
/// same pixel column become the first, lowest, highest and last of them (in their order),
/// so every spike keeps its full height while a 10-million-point line strokes in milliseconds.
enum Decimate {
    /// Runs shorter than this are drawn as they are.
    static let threshold = 2000

    static func columns(_ run: [Point]) -> [Point] {
        guard run.count > threshold else { return run }
        var out: [Point] = []
        out.reserveCapacity(4 * 2048)
        var i = 0
        while i < run.count {
            let column = run[i].x.rounded(.down)
            var j = i + 1
            var lo = i, hi = i
            while j < run.count, run[j].x.rounded(.down) == column {
                if run[j].y < run[lo].y { lo = j }
                if run[j].y > run[hi].y { hi = j }
                j += 1
            }
            let last = j - 1
            // Keep the order the points come in, without repeats.
            var kept = [i]
            for k in [min(lo, hi), max(lo, hi), last] where k != kept[kept.count - 1] { kept.append(k) }
            for k in kept { out.append(run[k]) }
            i = j
        }
        return out
    }
}
