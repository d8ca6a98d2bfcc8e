/**
 * The web desk: one page, Chinese first, talking to the same REST API as every other client.
 * It shows the parts the signed-in role can use at this app (稿件 / 审核 / 大稿库 / 省级稿库).
 */
export const DESK_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>融媒体稿件平台 · 工作台</title>
<style>
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f6f8; color: #222; }
  header { background: #b71c1c; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: center; }
  header h1 { font-size: 18px; margin: 0; }
  main { padding: 16px 20px; max-width: 1100px; }
  section { background: #fff; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  h2 { font-size: 16px; margin: 4px 0 10px; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
  input, textarea, select { font: inherit; padding: 4px 6px; border: 1px solid #ccc; border-radius: 4px; }
  textarea { width: 100%; min-height: 120px; }
  button { font: inherit; padding: 4px 12px; border: 0; border-radius: 4px; background: #b71c1c; color: #fff; cursor: pointer; }
  button.secondary { background: #666; }
  .status { padding: 1px 6px; border-radius: 3px; background: #eee; font-size: 12px; }
  .error { color: #b71c1c; white-space: pre-wrap; }
  .muted { color: #888; font-size: 12px; }
  .hidden { display: none; }
</style>
</head>
<body>
<header><h1>融媒体稿件平台</h1><span id="who" class="muted" style="color:#fdd"></span></header>
<main>
  <section id="login">
    <h2>登录</h2>
    <p class="muted">粘贴演示令牌（npm start 打印）或登录后获得的令牌。</p>
    <input id="token" style="width:80%" placeholder="Bearer 令牌"> <button onclick="signIn()">进入</button>
    <div id="loginError" class="error"></div>
  </section>

  <section id="write" class="hidden">
    <h2>写稿</h2>
    <div><input id="title" placeholder="标题" style="width:60%"> <input id="category" placeholder="栏目，如 时政" value="时政"></div>
    <div style="margin:6px 0"><input id="byline" placeholder="署名，如 记者 刘敏 通讯员 陈晓" style="width:60%"> <input id="tags" placeholder="标签，用逗号分隔"></div>
    <textarea id="body" placeholder="正文（可用 HTML 段落）"></textarea>
    <button onclick="createStory()">保存草稿</button> <span id="writeError" class="error"></span>
  </section>

  <section id="stories" class="hidden">
    <h2>本中心稿件</h2>
    <table><thead><tr><th>标题</th><th>版本</th><th>状态</th><th>说明</th><th></th></tr></thead><tbody id="storyRows"></tbody></table>
  </section>

  <section id="queue" class="hidden">
    <h2>待审稿件（审核队列）</h2>
    <table><thead><tr><th>标题</th><th>来源</th><th>版本</th><th>报送时间</th><th>操作</th></tr></thead><tbody id="queueRows"></tbody></table>
  </section>

  <section id="pool" class="hidden">
    <h2>大稿库</h2>
    <table><thead><tr><th>标题</th><th>来源</th><th>署名</th><th>入库时间</th></tr></thead><tbody id="poolRows"></tbody></table>
  </section>

  <section id="index" class="hidden">
    <h2>省级稿库（全省各市大稿库）</h2>
    <div style="margin-bottom:8px">市 <input id="fCity" size="7" placeholder="360700"> 县 <input id="fCounty" size="7" placeholder="360702"> 栏目 <input id="fCategory" size="6"> <button onclick="loadIndex()">筛选</button></div>
    <table><thead><tr><th>标题</th><th>市</th><th>来源</th><th>栏目</th><th>入库时间</th></tr></thead><tbody id="indexRows"></tbody></table>
    <div id="opened" style="margin-top:10px"></div>
  </section>
</main>
<script>
let token = sessionStorage.getItem('deskToken') || '';
let me = null;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const time = (s) => s ? new Date(s).toLocaleString('zh-CN', { hour12: false }) : '';
async function api(method, path, body) {
  const r = await fetch(path, { method, headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((Array.isArray(json.message) ? json.message.join('\\n') : json.message) || r.status);
  return json;
}
function claims(t) { try { return JSON.parse(decodeURIComponent(escape(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))))); } catch { return null; } }
async function signIn() {
  token = document.getElementById('token').value.trim().replace(/^Bearer\\s+/, '') || token;
  me = claims(token);
  if (!me) { document.getElementById('loginError').textContent = '令牌无法识别'; return; }
  sessionStorage.setItem('deskToken', token);
  document.getElementById('who').textContent = me.name + ' · ' + me.role + ' · 中心 ' + me.center;
  document.getElementById('login').classList.add('hidden');
  const base = '/api/v1/centers/' + me.center;
  const probe = async (p) => { try { await api('GET', base + p + (p.includes('?') ? '&' : '?') + 'limit=1'); return true; } catch { return false; } };
  if (await probe('/stories')) { show('write'); show('stories'); loadStories(); }
  if (await probe('/review-queue')) { show('queue'); show('pool'); loadQueue(); loadPool(); }
  if (await probe('/index')) { show('index'); loadIndex(); }
}
function show(id) { document.getElementById(id).classList.remove('hidden'); }
async function loadStories() {
  const r = await api('GET', '/api/v1/centers/' + me.center + '/stories');
  document.getElementById('storyRows').innerHTML = r.items.map((s) =>
    '<tr><td>' + esc(s.title) + '<div class="muted">' + esc(s.byline) + '</div></td><td>v' + s.version + '</td><td><span class="status">' + esc(s.statusLabel) + '</span><div class="muted">' + esc(s.review ? s.review.stageLabel : '') + (s.holder ? ' · ' + esc(s.holder.name) : '') + '</div></td><td>' + esc(s.decisionReason || (s.review && s.review.sentBackReason) || '') +
    '</td><td>' + (s.review && s.review.awaiting ? '<button onclick="signStep(\\'' + s.id + '\\', \\'' + s.review.awaiting.step + '\\')">' + esc(s.review.awaiting.label) + (s.review.awaiting.step === 'final' ? '并上报' : '通过') + '</button>' : '') + '</td></tr>').join('') || '<tr><td colspan=5 class="muted">暂无稿件</td></tr>';
}
async function createStory() {
  const val = (id) => document.getElementById(id).value.trim();
  try {
    await api('POST', '/api/v1/centers/' + me.center + '/stories', { title: val('title'), category: val('category'), byline: val('byline'), body: val('body'), tags: val('tags').split(/[,，]/).map((t) => t.trim()).filter(Boolean) });
    document.getElementById('writeError').textContent = '';
    loadStories();
  } catch (e) { document.getElementById('writeError').textContent = e.message; }
}
async function signStep(id, step) { try { await api('POST', '/api/v1/centers/' + me.center + '/stories/' + id + '/review/advance', { step }); } catch (e) { alert(e.message); } loadStories(); }
async function loadQueue() {
  const r = await api('GET', '/api/v1/centers/' + me.center + '/review-queue');
  document.getElementById('queueRows').innerHTML = r.items.map((s) =>
    '<tr><td>' + esc(s.title) + '</td><td>' + esc(s.originName) + '</td><td>v' + s.version + '</td><td>' + time(s.submittedAt) + '</td><td><button onclick="decide(\\'' + s.storyId + '\\', \\'accept\\')">入库</button> <button class="secondary" onclick="decide(\\'' + s.storyId + '\\', \\'reject\\')">退稿</button> <button class="secondary" onclick="decide(\\'' + s.storyId + '\\', \\'return\\')">退改</button></td></tr>').join('') || '<tr><td colspan=5 class="muted">没有待审稿件</td></tr>';
}
async function decide(id, decision) {
  const body = { decision };
  if (decision !== 'accept') { const reason = prompt(decision === 'reject' ? '退稿理由' : '退改意见'); if (!reason) return; body.reason = reason; }
  try { await api('POST', '/api/v1/centers/' + me.center + '/review-queue/' + id + '/decision', body); } catch (e) { alert(e.message); }
  loadQueue(); loadPool();
}
async function loadPool() {
  const r = await api('GET', '/api/v1/centers/' + me.center + '/pool');
  document.getElementById('poolRows').innerHTML = r.items.map((s) => '<tr><td>' + esc(s.title) + '</td><td>' + esc(s.originCode) + '</td><td>' + esc(s.byline) + '</td><td>' + time(s.pooledAt) + '</td></tr>').join('') || '<tr><td colspan=4 class="muted">大稿库为空</td></tr>';
}
async function loadIndex() {
  const q = new URLSearchParams();
  for (const [k, id] of [['city', 'fCity'], ['county', 'fCounty'], ['category', 'fCategory']]) { const v = document.getElementById(id).value.trim(); if (v) q.set(k, v); }
  const r = await api('GET', '/api/v1/centers/' + me.center + '/index?' + q);
  document.getElementById('indexRows').innerHTML = r.items.map((s) => '<tr><td><a href="#" onclick="openStory(\\'' + s.storyId + '\\');return false">' + esc(s.title) + '</a><div class="muted">' + esc(s.byline) + '</div></td><td>' + esc(s.city.name) + '</td><td>' + esc(s.origin.name) + '</td><td>' + esc(s.category) + '</td><td>' + time(s.pooledAt) + '</td></tr>').join('') || '<tr><td colspan=5 class="muted">没有符合条件的稿件</td></tr>';
}
async function openStory(id) {
  const s = await api('GET', '/api/v1/centers/' + me.center + '/index/' + id);
  // The body was sanitised at its origin and checked again at the hub before it entered the pool.
  document.getElementById('opened').innerHTML = '<h3>' + esc(s.title) + '</h3><div class="muted">' + esc(s.byline) + ' · ' + esc(s.origin) + ' · ' + esc(s.city) + ' · v' + s.version + '</div>' + s.body;
}
if (token) { document.getElementById('token').value = token; signIn(); }
</script>
</body>
</html>`;
