import Foundation
import SomaCore

/// Updates parameters from their gradients after each batch.
///
/// Concrete optimizers subclass `OptimizerBase` and override only their
/// per-parameter state and update rule; the base class keeps the state for
/// each parameter and applies weight decay. State and arithmetic have the
/// parameter's dtype: a float32 parameter is updated in Float32 (the
/// hyperparameters rounded to it), as PyTorch's optimizers do.
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
                p.dtype == .float32 ? addDecay(decay, to: p, Float.self) : addDecay(decay, to: p, Double.self)
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

/// Adds the weight-decay terms to `p`'s gradient, in element type `T`.
private func addDecay<T: TensorElement>(_ decay: WeightDecay, to p: Parameter, _: T.Type) {
    let (l2, l1) = (T(decay.l2), T(decay.l1))
    p.withBuffers(T.self) { w, g in
        for i in 0..<w.count {
            g[i] += l2 * w[i] + l1 * (w[i] > 0 ? 1 : (w[i] < 0 ? -1 : 0))
        }
    }
}

/// Plain gradient descent W ← W − κ·∂E/∂W, or with momentum.
///
/// Both momentum forms of the notes are available:
/// - `.friction`: V ← m·V + ∂E/∂W (the notes' (1 − r)V + ∂E/∂W with m = 1 − r);
/// - `.average`: V ← β·V + (1 − β)·∂E/∂W with β = m;
/// then W ← W − κ·V.
public final class SGD: OptimizerBase<Tensor> {
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

    /// The velocity, of the parameter's dtype (empty without momentum).
    public override func initialState(for parameter: Parameter) -> Tensor {
        Tensor(repeating: 0, shape: [momentum == 0 ? 0 : parameter.value.count], dtype: parameter.dtype)
    }

    public override func update(_ p: Parameter, state v: inout Tensor) {
        p.dtype == .float32 ? update(p, velocity: &v, Float.self) : update(p, velocity: &v, Double.self)
    }

    private func update<T: TensorElement>(_ p: Parameter, velocity: inout Tensor, _: T.Type) {
        let lr = T(learningRate)
        if momentum == 0 || velocity.count != p.value.count {
            p.withBuffers(T.self) { w, g in
                for i in 0..<w.count { w[i] -= lr * g[i] }
            }
            return
        }
        let m = T(momentum)
        let gScale: T = form == .friction ? 1 : 1 - m
        T.withElements(of: &velocity) { v in
            v.withUnsafeMutableBufferPointer { vel in
                p.withBuffers(T.self) { w, g in
                    for i in 0..<w.count {
                        vel[i] = m * vel[i] + gScale * g[i]
                        w[i] -= lr * vel[i]
                    }
                }
            }
        }
    }
}

/// Adam: bias-corrected running averages of the gradient and its square.
public final class Adam: OptimizerBase<Adam.Moments> {
    /// The running averages, of the parameter's dtype, and the step count.
    public struct Moments {
        var m: Tensor
        var v: Tensor
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
        let zeros = Tensor(repeating: 0, shape: [p.value.count], dtype: p.dtype)
        return Moments(m: zeros, v: zeros, t: 0)
    }

    public override func update(_ p: Parameter, state s: inout Moments) {
        s.t += 1
        let c1 = 1 - pow(beta1, Double(s.t)), c2 = 1 - pow(beta2, Double(s.t))
        let step = learningRate * c2.squareRoot() / c1
        let eps = epsilon * c2.squareRoot()
        p.dtype == .float32 ? update(p, &s, step: step, eps: eps, Float.self) : update(p, &s, step: step, eps: eps, Double.self)
    }

    private func update<T: TensorElement>(_ p: Parameter, _ s: inout Moments, step: Double, eps: Double, _: T.Type) {
        let (b1, b2, step, eps) = (T(beta1), T(beta2), T(step), T(eps))
        T.withElements(of: &s.m) { ms in
            T.withElements(of: &s.v) { vs in
                ms.withUnsafeMutableBufferPointer { m in
                    vs.withUnsafeMutableBufferPointer { v in
                        p.withBuffers(T.self) { w, grad in
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
    }
}
