import Testing
import SomaCore

@Test func reductionsAlongAxes() throws {
    let x = iota([2, 3])
    #expect(try x.sum().data == [21])
    #expect(try x.sum(axis: 0).data == [5, 7, 9])
    #expect(try x.sum(axis: -1, keepdims: true).shape == [2, 1])
    #expect(try x.mean(axis: 1).data == [2, 5])
    #expect(try x.max(axis: 0).data == [4, 5, 6])
    #expect(try x.argmax(axis: 1).data == [2, 2])
    #expect(close(try x.std().data[0], 1.707825127659933))
    #expect(try Tensor([0, 1]).all().data == [0])
    #expect(throws: TensorError.self) { try x.sum(axis: 2) }
}

@Test func matmulFollowsNumpyRules() throws {
    let a = iota([2, 3]), b = iota([3, 2])
    #expect(try a.matmul(b).data == [22, 28, 49, 64])
    #expect(try Tensor([1, 2, 3]).matmul(Tensor([4, 5, 6])).shape == [])
    #expect(try Tensor([1, 1]).matmul(a).data == [5, 7, 9])
    #expect(try a.matmul(Tensor([1, 1, 1])).data == [6, 15])
    let batched = try iota([4, 2, 3]).matmul(b)
    #expect(batched.shape == [4, 2, 2])
    #expect(throws: TensorError.self) { try a.matmul(a) }
}

@Test func reshapeAndTranspose() throws {
    let x = iota([2, 3])
    #expect(try x.reshaped([3, -1]).shape == [3, 2])
    #expect(throws: TensorError.self) { try x.reshaped([4, -1]) }
    #expect(x.T.data == [1, 4, 2, 5, 3, 6])
    let y = try iota([2, 3, 4]).transposed([1, 2, 0])
    #expect(y.shape == [3, 4, 2])
    #expect(try y.get([.index(2), .index(1), .index(1)]).data == [22])  // x[1, 2, 1]
}

@Test func indexingReadsAndWrites() throws {
    var a = iota([3, 4])
    #expect(try a.get([.index(-1)]).data == [9, 10, 11, 12])
    #expect(try a.get([.all, .index(0)]).data == [1, 5, 9])
    #expect(try a.get([.slice(start: nil, stop: nil, step: -2)]).shape == [2, 4])
    #expect(try a.get([.indices(Tensor([0, 2]))]).shape == [2, 4])
    #expect(try a.get([.indices(Tensor([0, 2])), .indices(Tensor([1, 3]))]).data == [2, 12])
    let mask = try Tensor.binary(.gt, a, Tensor(10))
    #expect(try a.get([.mask(mask)]).data == [11, 12])
    try a.set([.all, .index(1)], to: Tensor(0))
    #expect(try a.get([.all, .index(1)]).data == [0, 0, 0])
    #expect(throws: TensorError.index("index 3 is out of range for axis 0 with size 3")) { try a.get([.index(3)]) }
}

@Test func descriptionIsReadable() throws {
    #expect(iota([2, 2]).description == "[[1, 2], [3, 4]]")
    #expect(Tensor(0.5).description == "0.5")
    #expect(try Tensor.arange(0, 10).description == "[0, 1, 2, ..., 7, 8, 9]")
}

@Test func hugeShapesThrowInsteadOfTrapping() throws {
    #expect(throws: TensorError.self) { try Tensor.zeros([1 << 40, 1 << 40]) }
    #expect(throws: TensorError.self) { try Tensor.zeros([-1]) }
    #expect(throws: TensorError.self) { try Tensor([1, 2]).reshaped([1 << 62, 1 << 62, 0, -1]) }
    #expect(throws: TensorError.self) { try Tensor([1, 2]).repeated(Int.max) }
    #expect(throws: TensorError.self) { try Tensor([1, 2]).tiled([1 << 62]) }
    let col = try Tensor.zeros([1 << 15, 1]), row = try Tensor.zeros([1 << 15])
    #expect(throws: TensorError.self) { try col + row }   // 2^30 elements
    #expect(throws: TensorError.self) { try Tensor.linspace(0, 1, 1 << 40) }
    var rng = RandomGenerator(seed: 3)
    let wide = try rng.randint(Int.min / 2, Int.max / 2, [100])
    #expect(wide.count == 100)
}

@Test func extremeSlicesAreClamped() throws {
    let x = iota([5])
    #expect(try x.get([.slice(start: nil, stop: nil, step: Int.min)]).data == [5])
    #expect(try x.get([.slice(start: Int.min, stop: Int.max, step: Int.max)]).data == [1])
    #expect(try x.get([.slice(start: 3, stop: 1, step: 1)]).count == 0)
    #expect(try x.get([.slice(start: -2, stop: nil, step: nil)]).data == [4, 5])
    #expect(throws: TensorError.self) { try x.get([.slice(start: nil, stop: nil, step: 0)]) }
}

@Test func contiguousAndScatteredSelectionsAgree() throws {
    let a = iota([4, 3, 2])
    // Contiguous: rows 1..<3 of the first axis; scattered: the same via an index tensor.
    let block = try a.get([.slice(start: 1, stop: 3, step: 1)])
    let gathered = try a.get([.indices(Tensor([1, 2]))])
    #expect(block == gathered)
    #expect(try a.get([.index(2), .slice(start: 1, stop: nil, step: nil)]).data == [15, 16, 17, 18])
    var b = a
    try b.set([.index(3), .index(0)], to: Tensor([-1, -2]))
    #expect(try b.get([.index(3)]).data == [-1, -2, 21, 22, 23, 24])
}

@Test func matmulWithEmptyAxes() throws {
    #expect(try Tensor.zeros([2, 3, 0]).matmul(Tensor.zeros([0, 5])) == Tensor.zeros([2, 3, 5]))
    #expect(try Tensor.zeros([2, 0, 4]).matmul(Tensor.zeros([4, 5])).shape == [2, 0, 5])
    #expect(try Tensor.zeros([0]).matmul(Tensor.zeros([0])).data == [0])
}

@Test func userCountsAreChecked() throws {
    var rng = RandomGenerator(seed: 1)
    #expect(throws: TensorError.self) { try rng.permutation(1 << 40) }
    #expect(throws: TensorError.self) { try rng.choice(Tensor([1, 2]), 1 << 40) }
    #expect(throws: TensorError.self) { try Tensor([1, 2]).variance(ddof: Int.min) }
    #expect(try Tensor([1, 2, 3]).variance(ddof: 3).data[0] == .infinity)   // as numpy
}
