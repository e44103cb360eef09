using DossierTracking.Contracts.Documents;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DossierTracking.Silo.Documents;

public static class DocumentServiceCollectionExtensions
{
    /// <summary>
    /// The dossiers' papers: their limits, and the store of their bytes beside the dossiers' database (files under the
    /// data folder with SQLite, a table of chunks with PostgreSQL, on a pool of at most 4 connections of its own).
    /// </summary>
    public static IServiceCollection AddDossierDocuments(this IServiceCollection services, StorageOptions storage, DocumentOptions documents)
    {
        services.AddSingleton(Options.Create(documents));
        if (storage.Provider == StorageBackend.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Multiplexing = false };
            builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, 4);
            builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "dvc-documents" : builder.ApplicationName + "-documents";
            services.AddSingleton(_ => new PostgresDocumentStore(NpgsqlDataSource.Create(builder)));
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<PostgresDocumentStore>());
        }
        else
        {
            services.AddSingleton(_ => new FileDocumentStore(storage.DataDirectory));
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<FileDocumentStore>());
        }

        return services;
    }
}
