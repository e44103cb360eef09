using DossierTracking.Contracts.Feed;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.V1;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Services;

/// <summary>The change feed over gRPC: pages of committed dossier changes after a position, read from the database.</summary>
public sealed class ChangeFeedApiService(IChangeFeed feed) : ChangeFeedService.ChangeFeedServiceBase
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    public override async Task<ReadChangesReply> ReadChanges(ReadChangesRequest request, ServerCallContext context)
    {
        if (request.AfterPosition < 0)
        {
            throw ApiErrors.Invalid("after_position", "NEGATIVE_POSITION", "after_position must not be negative (0 reads from the start).");
        }

        var pageSize = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw ApiErrors.Invalid("page_size", "PAGE_SIZE_OUT_OF_RANGE",
                $"page_size must be between 1 and {MaxPageSize} (0 means {DefaultPageSize})."),
            var size => size,
        };

        var page = await feed.ReadAsync(request.AfterPosition, pageSize, context.CancellationToken);
        if (page.RemovedThrough > request.AfterPosition)
        {
            throw ApiErrors.OutOfRange("after_position", "FEED_POSITION_REMOVED",
                $"Changes up to position {page.RemovedThrough} have been removed by retention; read from after_position {page.RemovedThrough} (and resynchronise what was missed from the dossiers themselves).",
                page.RemovedThrough);
        }

        var reply = new ReadChangesReply
        {
            NextPosition = page.Changes.Count > 0 ? page.Changes[^1].Position : request.AfterPosition,
            HasMore = page.HasMore,
        };
        reply.Changes.AddRange(page.Changes.Select(FeedMapper.ToProto));
        return reply;
    }
}
