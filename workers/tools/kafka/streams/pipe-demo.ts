/**
 * org.apache.kafka.streams.examples.pipe.PipeDemo (Kafka 4.1's streams-examples jar), the one-sub-topology
 * example of the Streams tutorial: application.id streams-pipe, String serdes, auto.offset.reset earliest;
 * `builder.stream("streams-plaintext-input").to("streams-pipe-output")` copies each record unchanged. (The
 * tutorial's LineSplit and WordCount are the learner's own classes of the Maven archetype, not in this jar.)
 */
import type { StreamsApplication } from './topology.ts'

export const PIPE_DEMO: StreamsApplication = {
  applicationId: 'streams-pipe',
  persistentStores: false,
  subTopologies: [
    {
      sources: [{ user: 'streams-plaintext-input' }],
      stores: [],
      process: (record, task) => task.forward({ user: 'streams-pipe-output' }, record),
    },
  ],
}
