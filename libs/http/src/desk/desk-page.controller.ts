import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@syn/auth';
import { DESK_PAGE_HTML } from './desk-page.html';

/** Serves the web desk; the page itself holds no data, it calls the API with the user's token. */
@ApiExcludeController()
@Public()
@Controller()
export class DeskPageController {
  @Get('desk')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return DESK_PAGE_HTML;
  }
}
