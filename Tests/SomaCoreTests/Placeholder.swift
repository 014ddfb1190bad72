import Testing
@testable import SomaCore

@Test func moduleLoads() { #expect(Bool(true)) }
