import Testing
import Foundation
@testable import SomaCore

/// Leading-axis slices and reshapes share storage (O(1) views) with copy on
/// write; in-place updates reuse a buffer that is not shared.

/// The address of a tensor's first element, to tell shared storage from a copy.
private func address(_ t: Tensor) -> UnsafeRawPointer? {
    switch t.storage {
    case .f64(let d): return d.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    case .f32(let f): return f.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
}

private func matrix(_ rows: Int, _ cols: Int, dtype: DType = .float64) -> Tensor {
    Tensor(shape: [rows, cols], data: (0..<(rows * cols)).map(Double.init)).astype(dtype)
}

@Test(arguments: DType.allCases)
func rowSlicesAndRowsAreViews(dtype: DType) throws {
    let x = matrix(5, 3, dtype: dtype)
    let rows = try x.get([.slice(start: 1, stop: 4, step: nil)])
    #expect(rows.shape == [3, 3] && rows.dtype == dtype)
    #expect(rows.data == Array((3..<12).map(Double.init)))
    #expect(address(rows) == address(x).map { $0 + 3 * (dtype == .float64 ? 8 : 4) })
    let row = try x.get([.index(-1)])
    #expect(row.data == [12, 13, 14])
    // A strided or column selection is gathered into its own buffer.
    let column = try x.get([.all, .index(1)])
    #expect(column.data == [1, 4, 7, 10, 13])
    let reshaped = try rows.reshaped([9])
    #expect(address(reshaped) == address(rows))
}

@Test(arguments: DType.allCases)
func writesNeverCrossBetweenAViewAndItsSource(dtype: DType) throws {
    var x = matrix(4, 2, dtype: dtype)
    var v = try x.get([.slice(start: 1, stop: 3, step: nil)])
    v[flat: 0] = 99
    #expect(x[flat: 2] == 2 && v[flat: 0] == 99)
    try x.set([.index(2)], to: Tensor([-1, -1]))
    #expect(v.data == [99, 3, 4, 5])
    #expect(x.data == [0, 1, 2, 3, -1, -1, 6, 7])
    // Assigning a view of a tensor into the same tensor reads the old values.
    var y = matrix(4, 2, dtype: dtype)
    try y.set([.slice(start: 1, stop: 4, step: nil)], to: try y.get([.slice(start: 0, stop: 3, step: nil)]))
    #expect(y.data == [0, 1, 0, 1, 2, 3, 4, 5])
    // Through `data` too.
    var w = try x.get([.index(0)])
    w.data[1] = 42
    #expect(x[flat: 1] == 1 && w.data == [0, 42])
}

@Test func assignmentIntoAnUnsharedTensorKeepsItsBuffer() throws {
    var x = matrix(100, 10)
    let before = address(x)
    try x.set([.slice(start: 10, stop: 20, step: nil)], to: Tensor(7))
    #expect(address(x) == before)
    #expect(x[flat: 100] == 7 && x[flat: 199] == 7 && x[flat: 200] == 200)
}

@Test(arguments: DType.allCases)
func inPlaceUpdatesMatchTheOperatorsExactly(dtype: DType) throws {
    let g = Tensor(shape: [3, 4], data: (0..<12).map { sin(Double($0)) }).astype(dtype)
    let operands: [Tensor] = [g, Tensor(0.3), Tensor(shape: [1, 1], data: [-2]).astype(dtype)]
    for op in [BinaryOp.add, .sub, .mul, .div] {
        for other in operands {
            var x = Tensor(shape: [3, 4], data: (0..<12).map { cos(Double($0)) + 2 }).astype(dtype)
            let expected = try Tensor.binary(op, x, other)
            let before = address(x)
            let done1 = x.formBinaryInPlace(op, other)
            #expect(done1)
            #expect(x == expected, "\(op) \(other.shape)")
            #expect(address(x) == before, "the buffer is reused")
        }
    }
}

@Test func inPlaceUpdatesLeaveSharedStorageAlone() throws {
    var x = matrix(3, 2)
    let copy = x
    let view = try x.get([.index(1)])
    let done2 = x.formBinaryInPlace(.mul, Tensor(10))
    #expect(done2)
    #expect(copy.data == [0, 1, 2, 3, 4, 5] && view.data == [2, 3])
    #expect(x.data == [0, 10, 20, 30, 40, 50])
    var v = view
    let done3 = v.formBinaryInPlace(.add, Tensor([1, 1]))
    #expect(done3)
    #expect(v.data == [3, 4] && x.data == [0, 10, 20, 30, 40, 50])
}

@Test func inPlaceUpdatesRefuseWhatWouldChangeShapeDtypeOrGradients() throws {
    var x = matrix(2, 3)
    let done4 = x.formBinaryInPlace(.add, Tensor([1, 2, 3]))
    #expect(!done4)  // broadcast: left to the operator
    let done5 = x.formBinaryInPlace(.add, matrix(3, 2))
    #expect(!done5)
    let done6 = x.formBinaryInPlace(.pow, Tensor(2))
    #expect(!done6)
    var f = matrix(2, 3, dtype: .float32)
    let done7 = f.formBinaryInPlace(.add, matrix(2, 3))
    #expect(!done7)  // float32 + float64 tensor is float64
    let done8 = f.formBinaryInPlace(.add, Tensor(1))
    #expect(done8 && f.dtype == .float32)
    var s = Tensor(3)
    let done9 = s.formBinaryInPlace(.add, Tensor(1))
    #expect(!done9)
    let tracked = Tensor.leaves([matrix(2, 3)])[0]
    var t = tracked
    let done10 = t.formBinaryInPlace(.add, Tensor(1))
    #expect(!done10)
    #expect(x.data == [0, 1, 2, 3, 4, 5])
}

