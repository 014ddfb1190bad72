// Swift-side benchmarks of SomaNeural (build and run with
// Benchmarks/neural/run-swift.sh), the same workloads as
// Benchmarks/reference/mlp_numpy.py and lif_numpy.py. Each prints
// `label seconds ...` on one line like its reference.
//
//     NeuralSpeed mlp      one epoch, MLP 784-128-10, 60k samples, batch 100
//     NeuralSpeed mlp32    the same with float32 products, as the reference
//     NeuralSpeed lif      1000 LIF neurons, 10 s at dt 1 ms
import Foundation
import SomaCore
import SomaNeural

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

func mlpEpoch(_ precision: Precision) throws {
    let (n, d, k, batch) = (60_000, 784, 10, 100)
    var rng = RandomGenerator(seed: 0)
    let x = try rng.rand([n, d])
    let t = try Tensor.onehot(try rng.randint(0, k, [n]), classes: k)
    let net = try Network(sizes: [d, 128, k], activation: .logistic, output: .softmax, loss: .cce, seed: 0,
                          precision: precision)
    var options = TrainingOptions(epochs: 1, batchSize: batch)
    options.shuffle = false  // the reference walks the samples in order
    let sgd = try SGD(learningRate: 0.1)
    var history = History()
    let s = try seconds { history = try net.model.learn(x, t, loss: .cce, optimizer: sgd, options: options) }
    print(String(format: "mlp_epoch_s %.3f loss %.4f", s, history.loss.last ?? .nan) + " precision \(precision.rawValue)")
}

func lifPopulation() throws {
    let n = 1000
    let inputs = (0..<n).map { 3 * Double($0) / Double(n - 1) }
    var trace: LIFTrace?
    let s = try seconds {
        trace = try LIF().simulate(constant: inputs, duration: 10, dt: 0.001, recordVoltage: false)
    }
    let maxRate = trace?.rates(duration: 10).max() ?? 0
    print(String(format: "lif_10s_s %.3f max_rate %.1f", s, maxRate))
}

let which = CommandLine.arguments.dropFirst().first ?? "all"
do {
    if which == "mlp" || which == "all" { try mlpEpoch(.double) }
    if which == "mlp32" || which == "all" { try mlpEpoch(.single) }
    if which == "lif" || which == "all" { try lifPopulation() }
} catch {
    FileHandle.standardError.write("NeuralSpeed: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
