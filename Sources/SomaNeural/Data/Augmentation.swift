import Foundation
import SomaCore

/// Data augmentation for small grey images stored one per row (width x
/// height pixels, row-major): shifted, rotated and noisy copies.
public enum Augment {
    /// Each image moved by (dx, dy) pixels; uncovered pixels become 0.
    public static func shift(_ images: Tensor, width: Int, height: Int, dx: Int, dy: Int) throws -> Tensor {
        try checkImages(images, width, height)
        guard dx.magnitude <= 1_000_000, dy.magnitude <= 1_000_000 else {
            throw NeuralError.value("shift: dx and dy must be at most 1000000 pixels")
        }
        // Read and write plain arrays: a float32 tensor's `data` converts on every access.
        let src = images.data
        var out = [Double](repeating: 0, count: src.count)
        for r in 0..<images.shape[0] {
            let base = r * width * height
            for y in 0..<height {
                let sy = y - dy
                guard sy >= 0, sy < height else { continue }
                for x in 0..<width {
                    let sx = x - dx
                    guard sx >= 0, sx < width else { continue }
                    out[base + y * width + x] = src[base + sy * width + sx]
                }
            }
        }
        return Tensor(shape: images.shape, data: out)
    }

    /// Each image rotated by `angle` radians about its centre (bilinear).
    public static func rotate(_ images: Tensor, width: Int, height: Int, angle: Double) throws -> Tensor {
        try checkImages(images, width, height)
        guard angle.isFinite else { throw NeuralError.value("rotate: the angle must be a finite number") }
        let src = images.data
        var out = [Double](repeating: 0, count: src.count)
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        let c = cos(angle), s = sin(angle)
        for r in 0..<images.shape[0] {
            let base = r * width * height
            func pixel(_ x: Int, _ y: Int) -> Double {
                (x >= 0 && x < width && y >= 0 && y < height) ? src[base + y * width + x] : 0
            }
            for y in 0..<height {
                for x in 0..<width {
                    // Inverse map: where in the source does this output pixel come from.
                    let u = c * (Double(x) - cx) + s * (Double(y) - cy) + cx
                    let v = -s * (Double(x) - cx) + c * (Double(y) - cy) + cy
                    let x0 = Int(floor(u)), y0 = Int(floor(v))
                    let fx = u - Double(x0), fy = v - Double(y0)
                    let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
                    let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
                    out[base + y * width + x] = top * (1 - fy) + bottom * fy
                }
            }
        }
        return Tensor(shape: images.shape, data: out)
    }

    /// Each value plus Gaussian noise of standard deviation `sigma`.
    public static func noise(_ x: Tensor, sigma: Double, seed: UInt64 = 0) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        var out = x
        var values = x.data
        for i in values.indices { values[i] += sigma * rng.normal() }
        out.data = values
        return out
    }

    /// Images must be N x (width·height).
    private static func checkImages(_ images: Tensor, _ width: Int, _ height: Int) throws {
        guard images.rank == 2, width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue == images.shape[1],
              !width.multipliedReportingOverflow(by: height).overflow else {
            throw NeuralError.shape("images of shape \(images.shape) are not rows of \(width) x \(height) pixels")
        }
    }
}
