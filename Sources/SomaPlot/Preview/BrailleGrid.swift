/// A grid of dots drawn with Unicode braille characters, 2 x 4 dots per cell.
struct BrailleGrid {
    let columns: Int
    let rows: Int
    private var dots: [Bool]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        dots = [Bool](repeating: false, count: self.columns * 2 * self.rows * 4)
    }

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// Sets the dot at (x, y), y downwards; points outside are ignored.
    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        dots[y * dotWidth + x] = true
    }

    /// Draws a straight run of dots between two points (Bresenham).
    mutating func line(_ a: Point, _ b: Point) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let limit = Double(4 * (dotWidth + dotHeight))
        var x0 = Int(min(limit, max(-limit, a.x)).rounded()), y0 = Int(min(limit, max(-limit, a.y)).rounded())
        let x1 = Int(min(limit, max(-limit, b.x)).rounded()), y1 = Int(min(limit, max(-limit, b.y)).rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x0, y0)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    /// One string per character row.
    func lines() -> [String] {
        // Braille dot numbering: bit for (column, row) within a 2 x 4 cell.
        let bits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return (0..<rows).map { row in
            var text = ""
            for col in 0..<columns {
                var code: UInt32 = 0
                for dy in 0..<4 {
                    for dx in 0..<2 where dots[(row * 4 + dy) * dotWidth + col * 2 + dx] {
                        code |= bits[dy][dx]
                    }
                }
                text.unicodeScalars.append(Unicode.Scalar(0x2800 + code) ?? " ")
            }
            return text
        }
    }
}
