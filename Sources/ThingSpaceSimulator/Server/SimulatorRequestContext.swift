import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, so a fault can close it without
/// writing any response (a "dropped connection").
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
