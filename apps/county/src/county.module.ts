import { Module } from '@nestjs/common';
import { CenterAppModule } from '@syn/http';
import { NewsroomModule, newsroomPersistence } from '@syn/newsroom';

/** 县级融媒体中心: write, review and submit stories; one process serves many counties. */
@Module({
  imports: [CenterAppModule.forRoot([newsroomPersistence]), NewsroomModule],
})
export class CountyModule {}
