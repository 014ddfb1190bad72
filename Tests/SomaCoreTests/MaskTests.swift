import Testing
@testable import SomaCore

/// Comparison results carry the fact that they are 0/1 (`Tensor.isMask`);
/// masked reads, writes and updates give what the general path gives.
struct MaskTests {
    let v = Tensor([1, 5, 2, 8, 3])

    @Test func comparisonsAreMarkedArithmeticIsNot() throws {
        for op in BinaryOp.allCases {
            let out = try Tensor.binary(op, v, Tensor(2))
            #expect(out.isMask == op.isComparison, "\(op)")
        }
        let m = try Tensor.binary(.gt, v, Tensor(2))
        // 0/1 by value but made by arithmetic: not marked.
        #expect(!(try Tensor.binary(.sub, Tensor(1), m)).isMask)
        #expect(!Tensor([0, 1, 1]).isMask)
        // float32 comparisons are marked too, and keep their dtype.
        let f = try Tensor.binary(.le, v.astype(.float32), Tensor(2))
        #expect(f.isMask && f.dtype == .float32 && f.data == [1, 0, 1, 0, 0])
    }

    @Test func writesDropTheMarkReshapesAndSelectionsKeepIt() throws {
        let m = try Tensor.binary(.gt, v, Tensor(2))
        #expect(try m.reshaped([5, 1]).isMask)
        #expect(try m.get([.slice(start: 1, stop: 4, step: nil)]).isMask)
        #expect(try m.get([.mask(m)]).isMask)
        var a = m
        a[flat: 0] = 2
        #expect(!a.isMask && m.isMask)
        var b = m
        b.data[1] = 0.5
        #expect(!b.isMask)
        var c = m
        try c.set([.index(0)], to: Tensor(1))
        #expect(!c.isMask && c.data == [1, 1, 0, 1, 1])
    }

    @Test func offsetsAreTheNonZeroPositionsAndFollowWrites() throws {
        let m = try Tensor.binary(.gt, v, Tensor(2))
        #expect(m.nonZeroOffsets() == [1, 3, 4])
        #expect(m.nonZeroOffsets() == [1, 3, 4])  // kept from the first scan
        var changed = m
        changed[flat: 0] = 1
        #expect(changed.nonZeroOffsets() == [0, 1, 3, 4])
        #expect(m.nonZeroOffsets() == [1, 3, 4])
        // -0 is zero, NaN is not; float32 the same.
        let odd = Tensor([0, -0.0, .nan, 1, 0, -2])
        #expect(odd.nonZeroOffsets() == [2, 3, 5])
        #expect(odd.astype(.float32).nonZeroOffsets() == [2, 3, 5])
        #expect(Tensor(shape: [0], data: []).nonZeroOffsets() == [])
        #expect(Tensor([0, 0]).nonZeroOffsets() == [])
        #expect(Tensor([1, 1]).nonZeroOffsets() == [0, 1])
        // A mask on a matrix selects by row-major offset.
        let A = iota([2, 3])
        let big = try Tensor.binary(.gt, A, Tensor(2))
        #expect(try A.get([.mask(big)]).data == [3, 4, 5, 6])
    }

    @Test func maskedUpdatesMatchGatherComputeScatter() throws {
        var rng = RandomGenerator(seed: 7)
        let base = Tensor((0..<200).map { _ in Double.random(in: -1...1, using: &rng) })
        let mask = try Tensor.binary(.gt, base, Tensor(0))
        let k = mask.nonZeroOffsets().count
        let perElement = Tensor((0..<k).map { _ in Double.random(in: 0.5...2, using: &rng) })
        for op in [BinaryOp.add, .sub, .mul, .div] {
            for operand in [Tensor(0.25), perElement] {
                var general = base
                try general.set([.mask(mask)], to: try Tensor.binary(op, try base.get([.mask(mask)]), operand))
                var fused = base
                #expect(try fused.updateMasked([.mask(mask)], op, operand))
                #expect(fused == general, "\(op) \(operand.shape)")
            }
        }
        // A shared copy is not changed by an update of the other.
        var a = base
        let b = a
        #expect(try a.updateMasked([.mask(mask)], .add, Tensor(1)))
        #expect(b == base && a != base)
    }

    @Test func maskedUpdatesLeaveOtherCasesToTheGeneralPath() throws {
        let m = try Tensor.binary(.gt, v, Tensor(2))
        var x = v
        // Positions may repeat: not this path.
        #expect(!(try x.updateMasked([.indices(Tensor([0, 0]))], .add, Tensor(1))))
        #expect(!(try x.updateMasked([.mask(m)], .pow, Tensor(2))))
        #expect(!(try x.updateMasked([.mask(m)], .add, Tensor([1, 2]))))
        var f = v.astype(.float32)
        #expect(!(try f.updateMasked([.mask(m)], .add, Tensor(1))))
        #expect(!(try x.updateMasked([.mask(m)], .add, Tensor(1).astype(.float32))))
        var tracked = v
        tracked.node = Node(shape: v.shape, dtype: .float64, parents: [], pullback: { _ in [] })
        #expect(!(try tracked.updateMasked([.mask(m)], .add, Tensor(1))))
        #expect(x == v)
        #expect(throws: TensorError.self) { try x.updateMasked([.mask(Tensor([1, 0]))], .add, Tensor(1)) }
    }

    @Test func untrackedWritesFillAndCopyOnWrite() throws {
        let m = try Tensor.binary(.gt, v, Tensor(2))
        var x = v
        let shared = x
        try x.set([.mask(m)], to: Tensor(0))
        #expect(x.data == [1, 0, 2, 0, 0] && shared == v)
        try x.set([.mask(m)], to: Tensor([7, 8, 9]))
        #expect(x.data == [1, 7, 2, 8, 9])
        try x.set([.slice(start: 0, stop: 2, step: nil)], to: Tensor(4))
        #expect(x.data == [4, 4, 2, 8, 9])
        try x.set([.slice(start: 3, stop: 5, step: nil)], to: Tensor([5, 6]))
        #expect(x.data == [4, 4, 2, 5, 6])
        var f = v.astype(.float32)
        try f.set([.mask(m)], to: Tensor(0.1))
        #expect(f.dtype == .float32 && f.floats == [1, 0.1, 2, 0.1, 0.1])
        #expect(throws: TensorError.self) { try x.set([.mask(m)], to: Tensor([1, 2])) }
    }
}
