import SomaCore
import SomaLang
import SomaNeural

/// `Perceptron(n)` in Soma: `p(X)` gives 0/1, `p.learn(X, t, epochs:)` trains.
enum PerceptronType {
    static var type: ObjectType<Perceptron> {
        ObjectType(
            name: "Perceptron",
            summary: "y = 1 if w·x + b ≥ 0 else 0; p(X) gives 0/1 per row.",
            display: { p in "<Perceptron \(p.weights.count) inputs>" },
            fields: [
                .init("w", doc: "The weights, one per input.\nExample: p = Perceptron(2); p.learn([[0, 0], [1, 1]], [0, 1]); p.w", get: { p in vectorValue(p.weights) }, set: { p, v in
                    let t = try v.asTensor()
                    guard t.count == p.weights.count else {
                        throw SomaError.shape("Perceptron.w needs \(p.weights.count) values, got \(t.count)")
                    }
                    p.weights = t.data
                }),
                .init("b", doc: "The bias.\nExample: p = Perceptron(2); p.b = -0.5; p([0, 0])  # 0", get: { p in Value(p.bias) }, set: { p, v in
                    guard let x = v.numberValue else { throw SomaError.type("Perceptron.b must be a number") }
                    p.bias = x
                }),
            ],
            methods: [
                .init("learn(X, t, epochs: 100, lr: 1)", doc: """
                    Trains by the perceptron rule w += lr·(t − y)·x, sample by sample (targets 0 or 1).
                    Returns the number of misclassified samples in each epoch.
                    Example:
                        p = Perceptron(2)
                        errors = p.learn([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1], epochs: 10)
                        plot(errors)
                    """) { p, args in
                    let x = try sampleRows(args.tensor(0, "X").detached, vectorIsOneSample: false)
                    let t = try args.tensor(1, "t").data
                    let errors = try p.learn(x, t, epochs: try args.int("epochs"), learningRate: try args.number("lr"),
                                             afterEpoch: { _ in try args.context.checkInterrupt() })
                    return vectorValue(errors.map(Double.init))
                },
            ],
            call: .init("Perceptron(X)", doc: """
                The 0/1 output for each row of X (or for one sample).
                Example:
                    p = Perceptron(2); p.w = [1, 1]; p.b = -1.5
                    p([[0, 0], [1, 1]])   # [0, 1]
                """) { p, args in
                let xt = try args.tensor(0, "X")
                let y = try p.predict(try sampleRows(xt.detached, vectorIsOneSample: true))
                return xt.rank == 1 ? Value(y[0]) : vectorValue(y)
            })
    }
}
