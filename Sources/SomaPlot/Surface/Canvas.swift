/// An RGBA pixel buffer, 8 bits per channel, row-major from the top-left corner.
///
/// Everything SomaPlot draws reaches the pixels through `blend(x:y:color:coverage:)`
/// and its span form, so a new backend needs only those.
public struct Canvas: Equatable {
    public let width: Int
    public let height: Int
    /// Straight-alpha RGBA bytes, `width * height * 4` of them.
    public var pixels: [UInt8]

    /// A canvas filled with `background`.
    public init(width: Int, height: Int, background: Color = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        let px: [UInt8] = [byte(background.r), byte(background.g), byte(background.b), byte(background.a)]
        var buffer = [UInt8](repeating: 0, count: self.width * self.height * 4)
        for i in stride(from: 0, to: buffer.count, by: 4) {
            buffer[i] = px[0]; buffer[i + 1] = px[1]; buffer[i + 2] = px[2]; buffer[i + 3] = px[3]
        }
        pixels = buffer
    }

    /// A canvas over existing RGBA bytes.
    /// - Throws: `PlotError.badData` when the byte count does not match the size.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, pixels.count == width * height * 4 else {
            throw PlotError.badData("canvas of \(width)x\(height) needs \(max(0, width * height * 4)) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at a pixel, or nil outside the canvas.
    public func pixel(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return Color(r: Double(pixels[i]) / 255, g: Double(pixels[i + 1]) / 255,
                     b: Double(pixels[i + 2]) / 255, a: Double(pixels[i + 3]) / 255)
    }

    /// Composites `color` over one pixel with the given coverage (0...1), source-over.
    public mutating func blend(x: Int, y: Int, color: Color, coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let alpha = Float(min(1, max(0, coverage)) * color.a)
        guard alpha > 0.002 else { return }
        let src = (Float(color.r) * 255, Float(color.g) * 255, Float(color.b) * 255)
        pixels.withUnsafeMutableBufferPointer { buffer in
            Canvas.composite(buffer, (y * width + x) * 4, src, alpha)
        }
    }

    /// Composites `color` over the span starting at (x0, y), one coverage per pixel.
    mutating func blendSpan(y: Int, x0: Int, coverage: UnsafeBufferPointer<Float>, color: Color) {
        guard y >= 0, y < height else { return }
        let src = (Float(color.r) * 255, Float(color.g) * 255, Float(color.b) * 255)
        let colorAlpha = Float(color.a)
        let start = max(0, x0), end = min(width, x0 + coverage.count)
        guard start < end else { return }
        let rowBase = y * width * 4
        pixels.withUnsafeMutableBufferPointer { buffer in
            for x in start..<end {
                let alpha = min(1, coverage[x - x0]) * colorAlpha
                if alpha > 0.002 {
                    Canvas.composite(buffer, rowBase + x * 4, src, alpha)
                }
            }
        }
    }

    @inline(__always)
    static func composite(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ i: Int,
                          _ src: (Float, Float, Float), _ alpha: Float) {
        let keep = 1 - alpha
        buffer[i] = UInt8(min(255, src.0 * alpha + Float(buffer[i]) * keep + 0.5))
        buffer[i + 1] = UInt8(min(255, src.1 * alpha + Float(buffer[i + 1]) * keep + 0.5))
        buffer[i + 2] = UInt8(min(255, src.2 * alpha + Float(buffer[i + 2]) * keep + 0.5))
        buffer[i + 3] = UInt8(min(255, 255 * alpha + Float(buffer[i + 3]) * keep + 0.5))
    }
}

/// A 0...1 channel as a byte, clamped.
func byte(_ value: Double) -> UInt8 {
    guard value.isFinite else { return 0 }
    return UInt8(min(255, max(0, (value * 255).rounded())))
}
