import { BadRequestException, Controller, Headers, MessageEvent, Param, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_ERROR_CODES } from '@syn/api-errors';
import { interval, map, merge, Observable } from 'rxjs';
import { LiveFeedJournal } from './live-feed-journal';
import { LiveFeedPresenter } from './live-feed-presenter';

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3000;

/**
 * Server-Sent Events of what this center's desk watches (docs/live-feed.md), at every level. The
 * desk token comes in the Authorization header, checked by the desk guard like every other route
 * (a token in a URL ends up in logs and histories, so none is accepted there). A desk that
 * reconnects with Last-Event-ID gets every event after it, then the live ones, none twice.
 */
@ApiTags('live feed (实时动态)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/live-feed')
export class LiveFeedController {
  constructor(
    private readonly journal: LiveFeedJournal,
    private readonly presenter: LiveFeedPresenter,
  ) {}

  @Sse()
  @ApiOperation({ summary: 'text/event-stream of this center’s desk: province index, review queue and pool, own stories’ status; replays after Last-Event-ID' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'the id of the last event received; the stream resumes after it' })
  stream(
    @Param('center') center: string,
    @Query('access_token') queryToken: unknown,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Observable<MessageEvent> {
    if (queryToken !== undefined) {
      throw new BadRequestException({
        statusCode: 400,
        code: API_ERROR_CODES.tokenInUrl,
        message: ['access_token: a token is accepted only in the Authorization header'],
        fields: ['access_token'],
      });
    }
    const after = lastEventId === undefined || lastEventId === '' ? null : Number(lastEventId);
    if (after !== null && !(Number.isSafeInteger(after) && after >= 0)) {
      throw new BadRequestException({
        statusCode: 400,
        code: API_ERROR_CODES.invalidInput,
        message: [`Last-Event-ID: ${JSON.stringify(lastEventId)} is not an event id of this feed`],
        fields: ['Last-Event-ID'],
      });
    }
    let last = String(after ?? '');
    const events = this.journal.watch(center, after).pipe(
      map((e): MessageEvent => {
        last = String(e.seq);
        return e.event === 'ready' ? { type: 'ready', id: last, retry: RETRY_MS, data: e.data } : { type: e.event, id: last, data: this.presenter.present(e) };
      }),
    );
    // A comment keeps proxies from closing an idle stream and carries no id, so it moves no cursor.
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: `ping ${last}` })));
    return merge(events, heartbeat);
  }
}
