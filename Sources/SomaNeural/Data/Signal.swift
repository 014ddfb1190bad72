/// The input of a model over time, one type for every way it can be given:
/// a constant value per channel, one row of samples per step (steps x
/// channels, row-major) or a function of the time t in seconds.
///
/// Every model reads it once per step through `fill` or `value(step:time:)`,
/// and that read is the one place where a long run checks `interrupt`, every
/// `interruptCadence` steps, whatever kind of input drives it.
///
///     var input = Signal(constant: [1.5, 2.0])
///     var drive = [0.0, 0.0]
///     try input.fill(&drive, step: 0, time: 0)      // drive == [1.5, 2.0]
///     let ramp = Signal { t in 2 * t }                // one channel, a function of t
public struct Signal {
    /// Where the values come from.
    public enum Source {
        /// The same values at every step, one per channel.
        case constant([Double])
        /// Row k (channels values) is the input of step k.
        case samples([Double])
        /// The values at time t (seconds); must give `channels` values.
        case function((Double) throws -> [Double])
    }

    /// Steps between two calls of `interrupt`.
    public static let interruptCadence = 1024

    /// Number of values per step (neurons driven, or input dimensions).
    public let channels: Int
    public let source: Source
    /// The name of the input in messages (`vin`, `current`, ...).
    public var name: String
    /// Called at step 0 and every `interruptCadence` steps; throws to stop the run.
    public var interrupt: () throws -> Void

    /// A constant input, one value per channel.
    public init(constant values: [Double], name: String = "input") {
        self.init(channels: values.count, source: .constant(values), name: name)
    }

    /// Per-step input: `values` is steps x `channels`, row-major.
    /// - Throws: `NeuralError.shape` when the values do not fill whole rows.
    public init(samples values: [Double], channels: Int, name: String = "input") throws {
        guard !values.isEmpty else { throw NeuralError.value("\(name) is empty") }
        guard channels >= 1, values.count % channels == 0 else {
            throw NeuralError.shape("\(name) must have whole rows of \(channels) values, got \(values.count) values")
        }
        self.init(channels: channels, source: .samples(values), name: name)
    }

    /// A function of t giving `channels` values.
    public init(channels: Int, name: String = "input", function: @escaping (Double) throws -> [Double]) {
        self.init(channels: channels, source: .function(function), name: name)
    }

    /// A function of t giving one value.
    public init(name: String = "input", _ function: @escaping (Double) throws -> Double) {
        self.init(channels: 1, source: .function { t in [try function(t)] }, name: name)
    }

    private init(channels: Int, source: Source, name: String) {
        self.channels = channels
        self.source = source
        self.name = name
        self.interrupt = {}
    }

    /// Number of steps the input covers (nil: any number).
    public var steps: Int? {
        if case .samples(let values) = source { return channels == 0 ? 0 : values.count / channels }
        return nil
    }

    /// Checks that the input covers a run of `steps` steps into `width` channels.
    /// - Throws: `NeuralError.shape` naming the input and what was expected.
    public func check(steps count: Int, channels width: Int) throws {
        guard channels == width else {
            throw NeuralError.shape("\(name) gives \(channels) values per step, expected \(width)")
        }
        if let rows = steps, rows < count {
            throw NeuralError.shape("\(name) has \(rows) rows but the run takes \(count) steps")
        }
    }

    /// Writes the input of step `step` (starting at `time`) into `values`
    /// (`channels` long); checks `interrupt` every `interruptCadence` steps.
    @inlinable
    public func fill(_ values: inout [Double], step: Int, time: Double) throws {
        if step % Signal.interruptCadence == 0 { try interrupt() }
        try read(&values, step: step, time: time)
    }

    /// The first channel at step `step` (starting at `time`), checking
    /// `interrupt` as `fill` does.
    public func value(step: Int, time: Double) throws -> Double {
        if step % Signal.interruptCadence == 0 { try interrupt() }
        return try value(within: step, at: time)
    }

    /// The first channel at a time inside step `step` (an RK4 midpoint): a
    /// sampled input holds its step's value over the whole step.
    public func value(within step: Int, at time: Double) throws -> Double {
        switch source {
        case .constant(let values): return values[0]
        case .samples(let values): return values[row(step, of: values) * channels]
        case .function(let f): return try checked(f(time))[0]
        }
    }

    @usableFromInline
    func read(_ values: inout [Double], step: Int, time: Double) throws {
        switch source {
        case .constant(let given):
            for i in 0..<min(values.count, given.count) { values[i] = given[i] }
        case .samples(let given):
            let start = row(step, of: given) * channels
            for i in 0..<min(values.count, channels) { values[i] = given[start + i] }
        case .function(let f):
            let given = try checked(f(time))
            for i in 0..<min(values.count, given.count) { values[i] = given[i] }
        }
    }

    /// The row of step `step`, the last row past the end (a run checked by
    /// `check(steps:channels:)` never gets there).
    private func row(_ step: Int, of values: [Double]) -> Int {
        min(max(step, 0), values.count / channels - 1)
    }

    private func checked(_ given: [Double]) throws -> [Double] {
        guard given.count == channels else {
            throw NeuralError.shape("\(name)(t) gave \(given.count) values, expected \(channels)")
        }
        return given
    }
}
