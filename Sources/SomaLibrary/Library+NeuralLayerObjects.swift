import SomaCore
import SomaLang
import SomaNeural

/// A layer in Soma: `Dense(...)`, `Dropout(...)`, or one connection of a
/// `Network`; `W` and `b` of a dense layer are readable and writable.
final class LayerObject: SomaObject {
    let dense: Dense?
    /// The core layers this stands for (a dense layer and its activation).
    let stack: [Layer]
    init(dense: Dense?, stack: [Layer]) { self.dense = dense; self.stack = stack }

    var typeName: String { dense == nil ? "Layer" : "Dense" }
    var displayString: String { "<\(stack.map(\.description).joined(separator: " + "))>" }
    var fieldNames: [String] { dense == nil ? [] : ["W", "b"] }

    /// `layer(X)`: the layer's outputs for the rows of X (differentiable in X).
    var callable: Builtin? {
        Builtin("\(typeName)(X)", doc: "The layer's outputs for each row of X (a vector is one sample).") { [stack] args in
            let xt = try args.tensor(0, "X")
            let x = try sampleRows(xt, vectorIsOneSample: true)
            let y = try neuralCall(args.callee) { () throws -> Tensor in
                let model = try Sequential(stack)
                return try model.predict(x)
            }
            return Value(xt.rank == 1 ? try y.reshaped([y.count]) : y)
        }
    }

    func field(_ name: String) throws -> Value? {
        guard let dense else { return nil }
        switch name {
        case "W": return Value(dense.W.tensor)
        case "b": return Value(dense.b.tensor)
        default: return nil
        }
    }

    func setField(_ name: String, _ value: Value) throws {
        guard let dense, name == "W" || name == "b" else {
            throw SomaError.type("cannot set field '\(name)' of \(typeName)")
        }
        let t = try value.asTensor()
        try neuralCall("\(name) =") { try (name == "W" ? dense.W : dense.b).assign(t) }
    }
}

/// `SGD(...)` / `Adam(...)` in Soma.
final class OptimizerObject: SomaObject {
    let optimizer: Optimizer
    let name: String
    init(_ optimizer: Optimizer, name: String) { self.optimizer = optimizer; self.name = name }
    var typeName: String { name }
    var displayString: String { "<\(name) lr=\(formatNumber(optimizer.learningRate))>" }
    var fieldNames: [String] { ["lr"] }
    func field(_ name: String) throws -> Value? { name == "lr" ? Value(optimizer.learningRate) : nil }
    func setField(_ name: String, _ value: Value) throws {
        guard name == "lr", let x = value.numberValue, x > 0 else {
            throw SomaError.type("only lr (a positive number) can be set on \(typeName)")
        }
        optimizer.learningRate = x
    }
}

/// `Perceptron(n)` in Soma: `p(X)` gives 0/1, `p.learn(X, t, epochs:)` trains.
final class PerceptronObject: SomaObject {
    let perceptron: Perceptron
    init(_ p: Perceptron) { perceptron = p }
    var typeName: String { "Perceptron" }
    var displayString: String { "<Perceptron \(perceptron.weights.count) inputs>" }
    var fieldNames: [String] { ["w", "b"] }
    var methodNames: [String] { ["learn"] }

    func field(_ name: String) throws -> Value? {
        switch name {
        case "w": return vectorValue(perceptron.weights)
        case "b": return Value(perceptron.bias)
        default: return nil
        }
    }

    func setField(_ name: String, _ value: Value) throws {
        switch name {
        case "w":
            let t = try value.asTensor()
            guard t.count == perceptron.weights.count else {
                throw SomaError.shape("Perceptron.w needs \(perceptron.weights.count) values, got \(t.count)")
            }
            perceptron.weights = t.data
        case "b":
            guard let x = value.numberValue else { throw SomaError.type("Perceptron.b must be a number") }
            perceptron.bias = x
        default: throw SomaError.type("cannot set field '\(name)' of Perceptron")
        }
    }

    var callable: Builtin? {
        Builtin("Perceptron(X)", doc: "0/1 output for each row of X (or for one sample).") { [perceptron] args in
            let xt = try args.tensor(0, "X")
            let x = try sampleRows(xt.detached, vectorIsOneSample: true)
            let y = try neuralCall("Perceptron") { try perceptron.predict(x) }
            return xt.rank == 1 ? Value(y[0]) : vectorValue(y)
        }
    }

    func method(_ name: String) -> Builtin? {
        guard name == "learn" else { return nil }
        return Builtin("learn(X, t, epochs: 100, lr: 1)",
                       doc: "Perceptron rule w += lr·(t − y)·x sample by sample; returns the misclassified count per epoch.") { [perceptron] args in
            let x = try sampleRows(args.tensor(0, "X").detached, vectorIsOneSample: false)
            let t = try args.tensor(1, "t").data
            let errors = try neuralCall("learn") {
                try perceptron.learn(x, t, epochs: try args.keywordInt("epochs", default: 100),
                                     learningRate: try args.keywordNumber("lr", default: 1),
                                     afterEpoch: { _ in try args.context.checkInterrupt() })
            }
            return vectorValue(errors.map(Double.init))
        }
    }
}
