import Foundation
import SomaCore

/// Reader and writer for the IDX format of the MNIST files: a magic number
/// (two zero bytes, a type code, the number of dimensions), big-endian
/// 32-bit sizes, then the values in row-major order.
public enum IDX {
    /// Reads an IDX file (optionally gzip-compressed is not supported: gunzip
    /// it first) into a tensor of its shape.
    /// `poll` is called every million values; throwing stops the read (Ctrl-C).
    public static func read(path: String, poll: () throws -> Void = {}) throws -> Tensor {
        try checkBudget(path: path, "read_idx")
        let bytes: [UInt8]
        do { bytes = try UserFile.readBytes(path) } catch { throw NeuralError.io("read_idx: \(error)") }
        return try decode(bytes, name: path, poll: poll)
    }

    /// Decodes IDX bytes.
    public static func decode(_ bytes: [UInt8], name: String = "data", poll: () throws -> Void = {}) throws -> Tensor {
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else {
            if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
                throw NeuralError.io("read_idx: \(name) is gzip-compressed; gunzip it first")
            }
            throw NeuralError.io("read_idx: \(name) is not an IDX file (bad magic number)")
        }
        let type = bytes[2], rank = Int(bytes[3])
        let width: Int
        switch type {
        case 0x08, 0x09: width = 1
        case 0x0B: width = 2
        case 0x0C, 0x0D: width = 4
        case 0x0E: width = 8
        default: throw NeuralError.io("read_idx: \(name) has unknown element type 0x\(String(type, radix: 16))")
        }
        guard bytes.count >= 4 + 4 * rank else { throw NeuralError.io("read_idx: \(name) is truncated in its header") }
        var shape: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            shape.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        // The limits of every constructor (rank, elements, memory), so a
        // 16-byte file cannot declare a shape no tensor could have.
        let count: Int
        do { count = try Shape.checkedCount(shape) } catch let e as TensorError {
            throw NeuralError.io("read_idx: \(name) declares shape \(shape): \(e.message)")
        }
        let start = 4 + 4 * rank
        guard bytes.count >= start + count * width else {
            throw NeuralError.io("read_idx: \(name) is truncated: \(count) values declared, \((bytes.count - start) / width) present")
        }
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            if i % (1 << 20) == 0 { try poll() }
            let o = start + i * width
            var bits: UInt64 = 0
            for k in 0..<width { bits = bits << 8 | UInt64(bytes[o + k]) }
            switch type {
            case 0x08: values[i] = Double(bytes[o])
            case 0x09: values[i] = Double(Int8(bitPattern: bytes[o]))
            case 0x0B: values[i] = Double(Int16(truncatingIfNeeded: bits))
            case 0x0C: values[i] = Double(Int32(truncatingIfNeeded: bits))
            case 0x0D: values[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            default: values[i] = Double(bitPattern: bits)
            }
        }
        return Tensor(shape: shape, data: values)
    }

    /// Encodes a tensor as IDX: unsigned bytes when every value is an integer
    /// in 0...255, 64-bit floats otherwise.
    public static func encode(_ t: Tensor) throws -> [UInt8] {
        guard t.rank <= 255 else { throw NeuralError.value("write_idx: too many dimensions") }
        let asBytes = t.data.allSatisfy { $0 >= 0 && $0 <= 255 && $0 == $0.rounded() }
        var out: [UInt8] = [0, 0, asBytes ? 0x08 : 0x0E, UInt8(t.rank)]
        for size in t.shape {
            guard size <= Int(Int32.max) else { throw NeuralError.value("write_idx: dimension \(size) too large") }
            out += [UInt8(size >> 24 & 0xff), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)]
        }
        for v in t.data {
            if asBytes {
                out.append(UInt8(v))
            } else {
                let bits = v.bitPattern
                for k in stride(from: 56, through: 0, by: -8) { out.append(UInt8(bits >> UInt64(k) & 0xff)) }
            }
        }
        return out
    }

    /// Writes a tensor to an IDX file.
    public static func write(_ t: Tensor, path: String) throws {
        let bytes = try encode(t)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw NeuralError.io("write_idx: cannot write \(path): \(IOFailure.writing(path, error))")
        }
    }
}
