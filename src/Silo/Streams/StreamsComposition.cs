using DossierTracking.Contracts.Feed;
using DossierTracking.Grains.Streams;
using Orleans.Configuration;
using Orleans.Streams;

namespace DossierTracking.Silo.Streams;

/// <summary>
/// The change stream (setting <c>Streams:Enabled</c>): the change feed as an Orleans persistent stream whose queue
/// adapter reads the feed, with implicit subscriptions only (no pub-sub grains and no pub-sub storage: subscribers
/// are grain types that declare the stream's namespace).
/// </summary>
public static class StreamsComposition
{
    public static WebApplicationBuilder AddDossierStreams(this WebApplicationBuilder builder, FeedStreamOptions options)
    {
        builder.Services.AddSingleton<ChangeStreamMetrics>();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.UseOrleans(silo => silo.AddPersistentStreams(ChangeStreams.Provider,
            (services, name) => new FeedQueueAdapterFactory(name, services.GetRequiredService<IChangeFeed>(), services.GetRequiredService<IGrainFactory>(),
                options, services.GetRequiredService<ILoggerFactory>()),
            stream =>
            {
                stream.Configure<StreamPubSubOptions>(o => o.Configure(pubSub => pubSub.PubSubType = StreamPubSubType.ImplicitOnly));
                stream.ConfigurePullingAgent(o => o.Configure(agent =>
                {
                    agent.GetQueueMsgsTimerPeriod = options.PollInterval;
                    agent.BatchContainerBatchSize = 1;
                }));
            }));
        return builder;
    }
}
