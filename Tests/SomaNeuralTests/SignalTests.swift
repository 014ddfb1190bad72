import Testing
@testable import SomaNeural

@Suite struct SignalTests {
    @Test func everyKindFillsTheStep() throws {
        var values = [0.0, 0.0]
        try Signal(constant: [1, 2]).fill(&values, step: 5, time: 0.005)
        #expect(values == [1, 2])
        try Signal(samples: [1, 2, 3, 4, 5, 6], channels: 2).fill(&values, step: 1, time: 0.001)
        #expect(values == [3, 4])
        try Signal(channels: 2) { t in [t, -t] }.fill(&values, step: 3, time: 0.25)
        #expect(values == [0.25, -0.25])
        #expect(try Signal { t in 2 * t }.value(step: 0, time: 1.5) == 3)
    }

    @Test func samplesAreHeldOverTheirStep() throws {
        let input = try Signal(samples: [1, 2, 3], channels: 1)
        #expect(try input.value(within: 1, at: 0.0015) == 2)
        #expect(input.steps == 3)
    }

    @Test func interruptIsCheckedAtTheCadenceWhateverTheSource() throws {
        struct Stop: Error {}
        for var input in [Signal(constant: [1]), try Signal(samples: Array(repeating: 1, count: 5000), channels: 1),
                          Signal { _ in 1 }] {
            var checks = 0
            input.interrupt = { checks += 1 }
            var values = [0.0]
            for k in 0..<5000 { try input.fill(&values, step: k, time: Double(k)) }
            #expect(checks == 5)   // steps 0, 1024, 2048, 3072, 4096
            input.interrupt = { throw Stop() }
            #expect(throws: Stop.self) { try LIF().simulate(input, duration: 1, dt: 0.001) }
        }
    }

    @Test func inputsThatDoNotFitTheRunThrow() throws {
        let short = try Signal(samples: [1, 2, 3], channels: 1)
        #expect(throws: NeuralError.self) { try LIF().simulate(short, duration: 1, dt: 0.001) }
        #expect(throws: NeuralError.self) { try Signal(samples: [1, 2, 3], channels: 2) }
        #expect(throws: NeuralError.self) { try Signal(samples: [], channels: 1) }
        let wide = Signal(channels: 1) { _ in [1, 2] }
        #expect(throws: NeuralError.self) { try LIF().simulate(wide, duration: 0.01, dt: 0.001) }
        #expect(throws: NeuralError.self) {
            try HodgkinHuxley().simulate(Signal(constant: [1, 2]), duration: 0.01, dt: 1e-5)
        }
    }

    @Test func runsTooLongToRecordThrowBeforeAllocating() {
        // 10⁸ steps would take 800 MB of step times alone.
        #expect(throws: NeuralError.self) {
            try LIF().simulate(Signal(constant: [0.5]), duration: 1e5, dt: 0.001, recordVoltage: false)
        }
    }
}
