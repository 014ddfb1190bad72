import CPNG
import Foundation
import SomaCore

/// PNG encoding and decoding through libpng's simplified API (no setjmp).
public enum PNGCodec {
    /// The canvas as PNG bytes (8-bit RGBA).
    /// - Throws: `PlotError.io` with libpng's message when encoding fails.
    public static func encode(_ canvas: Canvas) throws -> [UInt8] {
        // Opaque figures are written as RGB: a quarter less data to compress.
        var opaque = true
        for i in stride(from: 3, to: canvas.pixels.count, by: 4) where canvas.pixels[i] != 255 {
            opaque = false
            break
        }
        var pixels = canvas.pixels
        if opaque {
            var rgb = [UInt8](repeating: 0, count: canvas.width * canvas.height * 3)
            var j = 0
            for i in stride(from: 0, to: pixels.count, by: 4) {
                rgb[j] = pixels[i]; rgb[j + 1] = pixels[i + 1]; rgb[j + 2] = pixels[i + 2]
                j += 3
            }
            pixels = rgb
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(canvas.width)
        image.height = png_uint_32(canvas.height)
        image.format = opaque ? SOMA_PNG_FORMAT_RGB : SOMA_PNG_FORMAT_RGBA
        // Speed over size: a figure is written once per cell and read by a browser.
        image.flags = png_uint_32(PNG_IMAGE_FLAG_FAST)
        let stride = png_int_32(canvas.width * (opaque ? 3 : 4))
        var size: Int = 0
        let sized = pixels.withUnsafeBytes { raw in
            png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, stride, nil)
        }
        guard sized != 0, size > 0 else { throw PlotError.io("cannot encode PNG: \(message(image))") }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { dest in
            pixels.withUnsafeBytes { raw in
                png_image_write_to_memory(&image, dest.baseAddress, &size, 0, raw.baseAddress, stride, nil)
            }
        }
        png_image_free(&image)
        guard written != 0 else { throw PlotError.io("cannot encode PNG: \(message(image))") }
        return Array(out.prefix(size))
    }

    /// Writes the canvas as a PNG file.
    /// - Throws: `PlotError.io` naming the path when the file cannot be written.
    public static func write(_ canvas: Canvas, to path: String) throws {
        let bytes = try encode(canvas)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw PlotError.io("cannot write '\(path)': \(IOFailure.writing(path, error))")
        }
    }

    /// Decodes PNG bytes into an RGBA canvas.
    /// - Throws: `PlotError.io` when the bytes are not a readable PNG.
    public static func decode(_ bytes: [UInt8]) throws -> Canvas {
        guard !bytes.isEmpty else { throw PlotError.io("cannot decode PNG: no data") }
        // libpng reads from the caller's memory until finish_read, so both
        // calls happen while the bytes are pinned.
        return try bytes.withUnsafeBytes { raw -> Canvas in
            var image = png_image()
            image.version = png_uint_32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw PlotError.io("cannot decode PNG: \(message(image))")
            }
            image.format = SOMA_PNG_FORMAT_RGBA
            let width = Int(image.width), height = Int(image.height)
            guard width > 0, height > 0, width <= 1 << 15, height <= 1 << 15 else {
                png_image_free(&image)
                throw PlotError.io("cannot decode PNG: unsupported size \(width)x\(height)")
            }
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let finished = pixels.withUnsafeMutableBytes { dest in
                png_image_finish_read(&image, nil, dest.baseAddress, png_int_32(width * 4), nil)
            }
            guard finished != 0 else {
                png_image_free(&image)
                throw PlotError.io("cannot decode PNG: \(message(image))")
            }
            return try Canvas(width: width, height: height, pixels: pixels)
        }
    }

    /// Reads and decodes a PNG file.
    public static func read(path: String) throws -> Canvas {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlotError.io("cannot read '\(path)'")
        }
        return try decode([UInt8](data))
    }

    private static func message(_ image: png_image) -> String {
        var copy = image
        let text = withUnsafeBytes(of: &copy.message) { raw -> String in
            let chars = raw.bindMemory(to: CChar.self)
            let end = chars.firstIndex(of: 0) ?? chars.count
            return String(decoding: chars[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return text.isEmpty ? "libpng error" : text
    }
}
