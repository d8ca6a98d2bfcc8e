import { Module } from '@nestjs/common';
import { HubModule, hubPersistence } from '@syn/hub';
import { CenterAppModule } from '@syn/http';
import { NewsroomModule, newsroomPersistence } from '@syn/newsroom';

/** 市级融媒体平台: the hub (review queue, shared pool, StoryPool gRPC) and a newsroom of its own. */
@Module({
  imports: [CenterAppModule.forRoot([hubPersistence, newsroomPersistence]), HubModule.forRoot(), NewsroomModule],
})
export class CityModule {}
