import Foundation

/// Updates parameters from their gradients after each batch.
///
/// Concrete optimizers subclass `OptimizerBase` and override only their
/// per-parameter state and update rule; the base class keeps the state for
/// each parameter and applies weight decay.
public protocol Optimizer: AnyObject {
    /// Step size κ.
    var learningRate: Double { get set }
    /// Applies one update to every parameter from its `grad`.
    func step(_ parameters: [Parameter], decay: WeightDecay)
}

/// Weight decay added to the gradient of weights (not biases).
public struct WeightDecay: Equatable, Sendable {
    /// L2 strength λ: adds λ·w to the gradient (the gradient of λ/2·‖w‖²).
    public var l2: Double
    /// L1 strength λ: adds λ·sign(w).
    public var l1: Double
    public init(l2: Double = 0, l1: Double = 0) { self.l2 = l2; self.l1 = l1 }
    public static let none = WeightDecay()

    /// - Throws: `NeuralError.value` unless both strengths are finite and non-negative.
    public func validate() throws {
        for (name, v) in [("decay", l2), ("l1", l1)] where !(v.isFinite && v >= 0) {
            throw NeuralError.value("\(name) must be a finite non-negative number, got \(v)")
        }
    }
}

/// Shared machinery for optimizers with per-parameter state `State`.
open class OptimizerBase<State>: Optimizer {
    public var learningRate: Double
    private var slots: [ObjectIdentifier: Int] = [:]
    private var states: [State] = []

    public init(learningRate: Double) { self.learningRate = learningRate }

    /// Fresh state for a parameter seen for the first time.
    open func initialState(for parameter: Parameter) -> State {
        fatalError("\(type(of: self)) must override initialState(for:)")
    }

    /// Updates `parameter.value` from `parameter.grad` and its state.
    open func update(_ parameter: Parameter, state: inout State) {
        fatalError("\(type(of: self)) must override update(_:state:)")
    }

    public func step(_ parameters: [Parameter], decay: WeightDecay) {
        for p in parameters {
            if p.decays && (decay.l2 != 0 || decay.l1 != 0) {
                p.withBuffers { w, g in
                    for i in 0..<w.count {
                        g[i] += decay.l2 * w[i] + decay.l1 * (w[i] > 0 ? 1 : (w[i] < 0 ? -1 : 0))
                    }
                }
            }
            let id = ObjectIdentifier(p)
            let slot: Int
            if let s = slots[id] {
                slot = s
            } else {
                slot = states.count
                slots[id] = slot
                states.append(initialState(for: p))
            }
            update(p, state: &states[slot])
        }
    }
}

/// Plain gradient descent W ← W − κ·∂E/∂W, or with momentum.
///
/// Both momentum forms of the notes are available:
/// - `.friction`: V ← m·V + ∂E/∂W (the notes' (1 − r)V + ∂E/∂W with m = 1 − r);
/// - `.average`: V ← β·V + (1 − β)·∂E/∂W with β = m;
/// then W ← W − κ·V.
public final class SGD: OptimizerBase<[Double]> {
    public enum MomentumForm: String, CaseIterable, Sendable { case friction, average }
    public var momentum: Double
    public var form: MomentumForm

    /// - Throws: `NeuralError.value` unless 0 ≤ momentum < 1 and lr > 0.
    public init(learningRate: Double, momentum: Double = 0, form: MomentumForm = .friction) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw NeuralError.value("lr must be a finite positive number, got \(learningRate)")
        }
        guard momentum >= 0, momentum < 1 else { throw NeuralError.value("momentum must be in [0, 1), got \(momentum)") }
        self.momentum = momentum
        self.form = form
        super.init(learningRate: learningRate)
    }

    public override func initialState(for parameter: Parameter) -> [Double] {
        momentum == 0 ? [] : [Double](repeating: 0, count: parameter.value.count)
    }

    public override func update(_ p: Parameter, state v: inout [Double]) {
        let lr = learningRate
        if momentum == 0 || v.count != p.value.count {
            p.withBuffers { w, g in
                for i in 0..<w.count { w[i] -= lr * g[i] }
            }
            return
        }
        let m = momentum
        let gScale = form == .friction ? 1 : 1 - m
        p.withBuffers { w, g in
            v.withUnsafeMutableBufferPointer { vel in
                for i in 0..<w.count {
                    vel[i] = m * vel[i] + gScale * g[i]
                    w[i] -= lr * vel[i]
                }
            }
        }
    }
}

/// Adam: bias-corrected running averages of the gradient and its square.
public final class Adam: OptimizerBase<Adam.Moments> {
    public struct Moments {
        var m: [Double]
        var v: [Double]
        var t: Int
    }
    public var beta1: Double, beta2: Double, epsilon: Double

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw NeuralError.value("lr must be a finite positive number, got \(learningRate)")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            throw NeuralError.value("Adam betas must be in [0, 1)")
        }
        guard epsilon > 0, epsilon.isFinite else {
            throw NeuralError.value("Adam epsilon must be a positive number, got \(epsilon)")
        }
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: learningRate)
    }

    public override func initialState(for p: Parameter) -> Moments {
        Moments(m: [Double](repeating: 0, count: p.value.count), v: [Double](repeating: 0, count: p.value.count), t: 0)
    }

    public override func update(_ p: Parameter, state s: inout Moments) {
        s.t += 1
        let c1 = 1 - pow(beta1, Double(s.t)), c2 = 1 - pow(beta2, Double(s.t))
        let step = learningRate * c2.squareRoot() / c1
        let (b1, b2, eps) = (beta1, beta2, epsilon * c2.squareRoot())
        p.withBuffers { w, grad in
            s.m.withUnsafeMutableBufferPointer { m in
                s.v.withUnsafeMutableBufferPointer { v in
                    for i in 0..<w.count {
                        let g = grad[i]
                        m[i] = b1 * m[i] + (1 - b1) * g
                        v[i] = b2 * v[i] + (1 - b2) * g * g
                        w[i] -= step * m[i] / (v[i].squareRoot() + eps)
                    }
                }
            }
        }
    }
}
