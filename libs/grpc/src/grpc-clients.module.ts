import { Global, Module } from '@nestjs/common';
import { StoryPoolClients } from './story-pool-clients';

@Global()
@Module({ providers: [StoryPoolClients], exports: [StoryPoolClients] })
export class GrpcClientsModule {}
