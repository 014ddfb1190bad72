import Testing
import Foundation
import SomaCore
@testable import SomaNeural

@Suite struct DataTests {
    @Test func digitsLoad() {
        let d = DigitsData.load()
        #expect(d.images.shape == [1797, 64])
        #expect(d.labels.count == 1797)
        #expect(Set(d.labels) == Set((0...9).map(Double.init)))
        #expect(d.images.data.allSatisfy { $0 >= 0 && $0 <= 16 })
        // First sample of the file: a zero.
        #expect(d.labels[0] == 0 && Array(d.images.data[0..<4]) == [0, 0, 5, 13])
    }

    @Test func idxRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let bytesPath = dir + "/soma-neural-\(UUID().uuidString).idx"
        defer { try? FileManager.default.removeItem(atPath: bytesPath) }
        let images = Tensor(shape: [2, 2, 3], data: [0, 1, 2, 3, 4, 255, 9, 8, 7, 6, 5, 4])
        try IDX.write(images, path: bytesPath)
        let back = try IDX.read(path: bytesPath)
        #expect(back.shape == [2, 2, 3] && back.data == images.data)
        // Header: magic 0x00000803 (unsigned bytes, 3 dims), sizes big-endian.
        let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bytesPath)))
        #expect(Array(raw[0..<8]) == [0, 0, 8, 3, 0, 0, 0, 2])

        let floats = Tensor(shape: [3], data: [0.5, -2, 1e-3])
        #expect(try IDX.decode(IDX.encode(floats)).data == floats.data)

        // Float32 data stays float32: written as IDX type 0x0D, read back as a float32 tensor.
        let single = floats.astype(.float32)
        let encoded = try IDX.encode(single)
        #expect(encoded[2] == 0x0D && encoded.count == 8 + 3 * 4)
        let decoded = try IDX.decode(encoded)
        #expect(decoded.dtype == .float32 && decoded == single)
    }

    @Test func idxRejectsBadFiles() {
        #expect(throws: NeuralError.self) { try IDX.decode([1, 2, 3]) }
        #expect(throws: NeuralError.self) { try IDX.decode([0, 0, 8, 1, 0, 0, 0, 9, 1, 2]) }
        #expect(throws: NeuralError.self) { try IDX.read(path: "/nonexistent/file.idx") }
    }

    @Test func csvRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.path + "/soma-neural-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let m = Tensor(shape: [2, 3], data: [1, 2.5, -3, 0.1, 0, 1e-7])
        try CSV.write(m, path: path, header: ["a", "b", "c"])
        let table = try CSV.read(path: path)
        #expect(table.header == ["a", "b", "c"])
        #expect(table.values == m)
        #expect(throws: NeuralError.self) { try CSV.parse("1,2\n3,x\n") }
        #expect(throws: NeuralError.self) { try CSV.parse("1,2\n3\n") }
    }

    @Test func splitKeepsPairsTogether() throws {
        let x = Tensor(shape: [10, 1], data: (0..<10).map(Double.init))
        let t = Tensor(shape: [10], data: (0..<10).map { Double($0) * 2 })
        let s = try split(x, t, testFraction: 0.3, seed: 4)
        #expect(s.xTrain.shape == [7, 1] && s.xTest.shape == [3, 1] && s.tTest.shape == [3])
        #expect(zip(s.xTrain.data, s.tTrain.data).allSatisfy { $1 == 2 * $0 })
        #expect(Set(s.xTrain.data + s.xTest.data).count == 10)
        let again = try split(x, t, testFraction: 0.3, seed: 4)
        #expect(again.xTrain == s.xTrain)
        #expect(throws: NeuralError.self) { try split(x, t, testFraction: 1.5) }
    }
}
