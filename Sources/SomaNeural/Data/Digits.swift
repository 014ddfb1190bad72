import SomaCore

/// The handwritten digits shipped with Soma: 1797 images of 8 x 8 grey
/// levels 0..16 with labels 0..9 (UCI Optical Recognition of Handwritten
/// Digits, test set; CC BY 4.0; see Notebooks/data/README.md).
public struct Digits {
    /// 1797 x 64 pixel values in 0...16, row-major 8 x 8 per sample.
    public var images: Tensor
    /// The digit shown by each image.
    public var labels: [Double]
}

/// Decoder for the embedded copy of the digits data.
public enum DigitsData {
    /// Decodes the embedded digits (about a millisecond; nothing is cached).
    public static func load() -> Digits {
        var pixels: [Double] = []
        var labels: [Double] = []
        pixels.reserveCapacity(1797 * 64)
        labels.reserveCapacity(1797)
        var column = 0
        for byte in encoded.utf8 {
            // Newlines separate samples; every other byte is 'a' + value.
            guard byte >= UInt8(ascii: "a") else { continue }
            let v = Double(byte - UInt8(ascii: "a"))
            if column == 64 { labels.append(v); column = 0 } else { pixels.append(v); column += 1 }
        }
        let images = Tensor(shape: [labels.count, 64], data: pixels)
        return Digits(images: images, labels: labels)
    }
}
