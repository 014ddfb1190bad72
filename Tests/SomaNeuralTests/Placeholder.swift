import Testing
@testable import SomaNeural

@Test func moduleLoads() { #expect(Bool(true)) }
