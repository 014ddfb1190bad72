/// A marker rasterised once into coverage masks, stamped at every centre: large scatters
/// (a million points) cost one small blend per point instead of one polygon fill each.
struct MarkerSprite {
    /// Sub-pixel phases per axis: a centre snaps to the nearest quarter pixel.
    static let phases = 4
    /// Scatters with at least this many markers are stamped.
    static let minimumCount = 1000
    let side: Int
    /// One side x side coverage mask per (phase y, phase x).
    let masks: [[Float]]
    /// Pixels from the sprite's top-left corner to the marker centre at phase 0.
    let origin: Int

    init(marker: Marker, size: Double) {
        let reach = Int((size / 2 + 2).rounded(.up))
        side = 2 * reach + 2
        origin = reach
        var masks: [[Float]] = []
        for py in 0..<Self.phases {
            for px in 0..<Self.phases {
                var scratch = Canvas(width: side, height: side, background: .white)
                let centre = Point(Double(reach) + Double(px) / Double(Self.phases),
                                   Double(reach) + Double(py) / Double(Self.phases))
                let area = Rect(x: 0, y: 0, width: Double(side), height: Double(side))
                CoverageRasterizer.fill(marker.polygons(at: centre, size: size), color: .black, clip: area, on: &scratch)
                var mask = [Float](repeating: 0, count: side * side)
                for y in 0..<side {
                    for x in 0..<side { mask[y * side + x] = Float(1 - (scratch.pixel(x: x, y: y)?.r ?? 1)) }
                }
                masks.append(mask)
            }
        }
        self.masks = masks
    }

    /// Blends the marker centred at `c` onto `canvas`, inside `clip`.
    func stamp(at c: Point, color: Color, clip: Rect, on canvas: inout Canvas) {
        // The nearest quarter pixel: whole pixels plus a phase 0...3.
        let qx = (c.x * Double(Self.phases)).rounded(), qy = (c.y * Double(Self.phases)).rounded()
        guard abs(qx) < 1e9, abs(qy) < 1e9 else { return }
        let ix = Int(qx), iy = Int(qy)
        let n = Self.phases
        let px = ((ix % n) + n) % n, py = ((iy % n) + n) % n
        let mask = masks[py * n + px]
        let x0 = (ix - px) / n - origin, y0 = (iy - py) / n - origin
        let cx0 = Int(clip.minX.rounded(.down)), cx1 = Int(clip.maxX.rounded(.up))
        let cy0 = Int(clip.minY.rounded(.down)), cy1 = Int(clip.maxY.rounded(.up))
        for row in 0..<side {
            let y = y0 + row
            guard y >= cy0, y < cy1 else { continue }
            for col in 0..<side {
                let x = x0 + col
                guard x >= cx0, x < cx1 else { continue }
                let a = mask[row * side + col]
                if a > 0.002 { canvas.blend(x: x, y: y, color: color, coverage: Double(a)) }
            }
        }
    }
}
