import Foundation

/// How data values map onto an axis.
public enum Scale: String, Sendable {
    case linear
    case log

    /// Parses "linear" or "log".
    /// - Throws: `PlotError.badArgument` for other names.
    public init(parsing name: String) throws {
        guard let scale = Scale(rawValue: name.lowercased()) else {
            throw PlotError.badArgument("unknown axis scale '\(name)'; use 'linear' or 'log'")
        }
        self = scale
    }

    /// The value in the axis' own linear space (log10 for log axes; NaN when invalid).
    func forward(_ v: Double) -> Double {
        switch self {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : .nan
        }
    }

    func inverse(_ v: Double) -> Double {
        switch self {
        case .linear: return v
        case .log: return pow(10, v)
        }
    }
}

/// Maps data coordinates into a pixel rectangle.
struct Transform {
    let xLimits: (Double, Double)
    let yLimits: (Double, Double)
    let xScale: Scale
    let yScale: Scale
    let rect: Rect
    /// Image axes grow downwards (row 0 on top).
    let yInverted: Bool

    func x(_ v: Double) -> Double {
        let a = xScale.forward(xLimits.0), b = xScale.forward(xLimits.1)
        return clampPixel(rect.minX + (xScale.forward(v) - a) / (b - a) * rect.width)
    }

    func y(_ v: Double) -> Double {
        let a = yScale.forward(yLimits.0), b = yScale.forward(yLimits.1)
        let t = (yScale.forward(v) - a) / (b - a)
        return clampPixel(yInverted ? rect.minY + t * rect.height : rect.maxY - t * rect.height)
    }

    func point(_ px: Double, _ py: Double) -> Point { Point(x(px), y(py)) }

    /// The y pixel of `v`, or just past the bottom edge when `v` has no place on
    /// the axis (a bar or stem base of 0 on a log axis starts at the bottom).
    func yOrEdge(_ v: Double) -> Double {
        let p = y(v)
        if p.isFinite { return p }
        return yInverted ? rect.minY - 1 : rect.maxY + 1
    }

    /// Keeps far-away points finite and small enough for the rasteriser's arithmetic.
    private func clampPixel(_ v: Double) -> Double {
        guard !v.isNaN else { return .nan }
        return min(1e6, max(-1e6, v))
    }

    /// Data points as pixel polylines, broken wherever a point is missing (NaN, or ≤ 0 on a log axis).
    func polylines(_ xs: [Double], _ ys: [Double]) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for i in 0..<min(xs.count, ys.count) {
            let p = point(xs[i], ys[i])
            if p.x.isFinite, p.y.isFinite {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
