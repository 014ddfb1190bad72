import Testing
import SomaCore

@Test func broadcastingAddsRowAndColumn() throws {
    let col = Tensor(shape: [2, 1], data: [1, 2])
    let row = Tensor([10, 20, 30])
    let s = try col + row
    #expect(s.shape == [2, 3])
    #expect(s.data == [11, 21, 31, 12, 22, 32])
}

@Test func shapeMismatchNamesBothShapes() {
    #expect(throws: TensorError.shape("cannot add tensors of shape [3, 4] and [5]")) {
        try Tensor(repeating: 0, shape: [3, 4]) + Tensor(repeating: 0, shape: [5])
    }
}

@Test func scalarOperatorsAndComparisons() throws {
    let x = Tensor([1, 2, 3])
    #expect(try (2 * x - 1).data == [1, 3, 5])
    #expect(try (x / 2).data == [0.5, 1, 1.5])
    #expect(try Tensor.binary(.gt, x, Tensor(1.5)).data == [0, 1, 1])
    #expect(try Tensor.binary(.mod, Tensor([-3, 3]), Tensor(2)).data == [1, 1])
    #expect(try Tensor.binary(.pow, x, Tensor(2)).data == [1, 4, 9])
    #expect(try x.maximum(Tensor(2)).data == [2, 2, 3])
}

@Test func unaryMapsMatchFoundation() throws {
    let x = Tensor([-1.5, 0, 0.5, 2.5])
    #expect(try x.round().data == [-2, 0, 0, 2])
    #expect(try x.relu().data == [0, 0, 0.5, 2.5])
    #expect(try x.sign().data == [-1, 0, 1, 1])
    #expect(close(try x.logistic().data[2], 1 / (1 + (-0.5).exp())))
}

private extension Double { func exp() -> Double { Foundation.exp(self) } }
import Foundation

@Test func softmaxFastPathMatchesPrimitiveForm() throws {
    var rng = RandomGenerator(seed: 8)
    let z = try rng.randn([5, 7]) * 10
    let fast = try z.softmax()
    let tracked = try Tensor.leaves([z])[0].softmax()
    #expect(close(fast, tracked.detached, rel: 1e-14, abs: 1e-300))
    #expect(close(try fast.sum(axis: -1), try Tensor.ones([5]), rel: 1e-14))
}

@Test func logisticTailsAndGradientsStayFinite() throws {
    let x = Tensor([-1000, -40, 0, 40, 1000])
    let y = try x.logistic().data
    #expect(y[0] == 0 && y[2] == 0.5 && y[3] == 1 && y[4] == 1)
    #expect(close(y[1], 4.248354255291589e-18, rel: 1e-14))
    let g = try gradient(of: { try $0.logistic().sum() }, at: x)
    #expect(g.data.allSatisfy { $0.isFinite && $0 >= 0 })
    #expect(g.data[2] == 0.25)
}
