import ArgumentParser
import Foundation
import RunJournal
import ThingSpaceAPI

/// `tslicense resume RUN`: sends the devices of RUN without a final outcome, and appends to RUN's journal.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish a stopped or interrupted run: send its devices that have no final outcome.",
        discussion: """
            Sends only the devices of RUN without a final outcome (never sent, or sent without an \
            answer) with RUN's operation, to RUN's account and base URL (another is refused, naming \
            both), with the same confirmation and guards as assign and remove. The results are \
            appended to RUN's journal, so RUN then reads completed. A device sent before without an \
            answer may answer "preexisting" / "no license attached": that counts as done (possibly \
            RUN's own doing). A run still held by a live process cannot be resumed.

            Examples:
              tslicense resume 20261128T063012Z-1a2b3c
              tslicense resume 20261128T063012Z-1a2b3c --yes --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var options: FollowUpOptions

    func validate() throws { try options.check() }

    func run() async throws {
        let settings = try CommandSession.resolve(global.overrides(
            batchSize: options.batchSize, concurrency: options.concurrency, maxDevices: options.maxDevices))
        let (run, state) = try CommandJournal.load(settings, runId: options.runId)
        let plan: ResumePlan
        do {
            plan = try ResumePlan.make(run, state: state, account: settings.client.account,
                                       baseURL: settings.client.baseURL.absoluteString)
        } catch {
            throw CommandFailure.usage(error)
        }
        if !options.dryRun {
            do { try settings.limits.policy.checkWritable(plan.operation, target: settings.targetDescription) } catch {
                throw CommandFailure.usage(error)
            }
        }
        FileOutput.stderr("resuming run \(run.id) (\(state.rawValue)): \(TextFormat.count(plan.devices.count, "device")) "
                          + "without a final outcome, \(plan.sentUnanswered.count) of them sent before without an answer")
        var sender = options.sender(plan.operation, settings: settings, devices: plan.devices, format: output.format,
                                    forceLogin: global.forceLogin)
        sender.journal = .resume(plan, note: options.note)
        try await sender.send()
    }
}
