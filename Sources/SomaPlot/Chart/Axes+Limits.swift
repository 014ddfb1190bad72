/// Fitting the view to the data, with matplotlib's 5% margins and sticky edges.
extension Axes {
    /// The range of data along one axis, plus values the margin may not pass.
    struct Extent {
        var lo = Double.infinity
        var hi = -Double.infinity
        /// Edges that stay put (bar bottoms, image borders), as matplotlib's sticky edges.
        var sticky: [Double] = []

        mutating func add(_ values: [Double], scale: Scale) {
            for v in values where v.isFinite && (scale == .linear || v > 0) {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
        }

        var isEmpty: Bool { !(lo <= hi) }
    }

    /// The x and y extents of all series.
    func extents() -> (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        for s in series {
            switch s.kind {
            case .line(let x, let y, _, _, _, _), .scatter(let x, let y, _, _, _):
                ex.add(x, scale: xscale); ey.add(y, scale: yscale)
            case .stem(let x, let y, let baseline):
                ex.add(x, scale: xscale); ey.add(y + [baseline], scale: yscale)
            case .bars(let left, let width, let bottom, let height):
                ex.add(left, scale: xscale)
                ex.add(zip(left, width).map { $0 + $1 }, scale: xscale)
                ey.add(bottom, scale: yscale)
                ey.add(zip(bottom, height).map { $0 + $1 }, scale: yscale)
                ey.sticky.append(contentsOf: Set(bottom))
            case .area(let x, let y1, let y2):
                ex.add(x, scale: xscale); ey.add(y1, scale: yscale); ey.add(y2, scale: yscale)
            case .raster(let trains):
                for t in trains { ex.add(t, scale: xscale) }
                ey.add([-0.5, Double(max(trains.count, 1)) - 0.5], scale: yscale)
                ey.sticky += [-0.5, Double(max(trains.count, 1)) - 0.5]
            case .image(let image):
                let e = image.edges
                let xr = [e.x0, e.x1], yr = [e.y0, e.y1]
                ex.add(xr, scale: xscale); ey.add(yr, scale: yscale)
                ex.sticky += xr; ey.sticky += yr
            case .text:
                // Text labels the data; it does not widen the view (as in matplotlib).
                break
            case .reference(let value, let vertical, _, _):
                if vertical { ex.add([value], scale: xscale) } else { ey.add([value], scale: yscale) }
            case .errorbar(let e):
                ex.add(e.x, scale: xscale); ey.add(e.y, scale: yscale)
                let (vertical, horizontal) = e.bars()
                for (a, b) in vertical + horizontal {
                    ex.add([a.x, b.x], scale: xscale); ey.add([a.y, b.y], scale: yscale)
                }
            case .contour(let levels, _):
                for level in levels {
                    for line in level.lines {
                        ex.add(line.map(\.x), scale: xscale); ey.add(line.map(\.y), scale: yscale)
                    }
                }
            }
        }
        return (ex, ey)
    }

    /// The view limits: fixed ones where set, else the data with margins.
    func viewLimits() -> (x: (Double, Double), y: (Double, Double)) {
        let (ex, ey) = extents()
        return (xlim ?? Axes.fit(ex, scale: xscale), ylim ?? Axes.fit(ey, scale: yscale))
    }

    /// Data range widened by 5% each side (in the axis' own space), stopping at sticky edges.
    static func fit(_ e: Extent, scale: Scale) -> (Double, Double) {
        guard !e.isEmpty else { return scale == .log ? (1, 10) : (0, 1) }
        var lo = scale.forward(e.lo), hi = scale.forward(e.hi)
        if hi - lo < 1e-300 {
            let pad = lo == 0 ? 0.05 : abs(lo) * 0.05
            lo -= pad
            hi += pad
        } else {
            let pad = (hi / 2 - lo / 2) * 0.1
            let (stickyLo, stickyHi) = (lo, hi)
            lo -= pad
            hi += pad
            for s in e.sticky.map(scale.forward) where s.isFinite {
                if s <= stickyLo, s > lo { lo = s }
                if s >= stickyHi, s < hi { hi = s }
            }
        }
        // Margins around data near the edge of the doubles must stay finite.
        let limit = Double.greatestFiniteMagnitude
        return (min(limit, max(-limit, scale.inverse(lo))), min(limit, max(-limit, scale.inverse(hi))))
    }
}
