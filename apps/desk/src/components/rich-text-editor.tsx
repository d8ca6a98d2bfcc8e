import { BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnorderedListOutlined, DisconnectOutlined } from '@ant-design/icons';
import Link from '@tiptap/extension-link';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Divider, Input, Popover, Space, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { editorTexts } from '../locales/zh-CN';
import { cleanPastedHtml } from './clean-pasted-html';
import './rich-text-editor.css';

/** The stored form of the content: empty paragraphs (Word's spacing, the one left after a paste) dropped. */
function bodyHtml(editor: Editor): string {
  return editor.isEmpty ? '' : editor.getHTML().replace(/<p><\/p>/g, '');
}

export interface RichTextEditorProps {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  'aria-invalid'?: boolean;
}

/**
 * The story body editor (TipTap). Its schema holds only what the server's sanitiser keeps, so what
 * the editor shows is what will be stored. Used as an antd Form control (value/onChange); loaded
 * lazily, it is its own chunk.
 */
export default function RichTextEditor({ value, onChange, id }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, code: false, codeBlock: false, strike: false, horizontalRule: false, link: false, underline: false }),
      Link.configure({ openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: null, target: null } }),
    ],
    content: value ?? '',
    editorProps: {
      transformPastedHTML: cleanPastedHtml,
      attributes: { class: 'rich-text-editor__content', 'data-testid': 'story-body', ...(id ? { id } : {}), 'aria-label': editorTexts.placeholder },
    },
    onUpdate: ({ editor: e }) => onChange?.(bodyHtml(e)),
  });

  // A value set from outside (the story loaded) replaces the content; our own edits do not loop back.
  // Before its view is mounted the editor has no schema to parse with: a story loaded that early is set on 'create'.
  useEffect(() => {
    if (!editor || value === undefined) return;
    const apply = () => {
      if (!editor.isDestroyed && value !== bodyHtml(editor)) editor.commands.setContent(value, { emitUpdate: false });
    };
    if (editor.isInitialized) return apply();
    editor.on('create', apply);
    return () => void editor.off('create', apply);
  }, [editor, value]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  const [href, setHref] = useState('');
  const [linkOpen, setLinkOpen] = useState(false);

  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const tool = (key: string, title: string, on: boolean, run: () => void, icon: React.ReactNode) => (
    <Tooltip title={title} key={key}>
      <Button size="small" type={on ? 'primary' : 'text'} icon={icon} onClick={run} aria-label={title} />
    </Tooltip>
  );
  const applyLink = () => {
    const url = href.trim();
    if (/^(https?:\/\/|mailto:)/i.test(url)) chain().extendMarkRange('link').setLink({ href: url }).run();
    setLinkOpen(false);
    setHref('');
  };

  return (
    <div className="rich-text-editor">
      <Space size={2} className="rich-text-editor__toolbar" wrap>
        {tool('bold', editorTexts.bold, !!active?.bold, () => chain().toggleBold().run(), <BoldOutlined />)}
        {tool('italic', editorTexts.italic, !!active?.italic, () => chain().toggleItalic().run(), <ItalicOutlined />)}
        <Divider orientation="vertical" />
        {tool('h2', editorTexts.h2, !!active?.h2, () => chain().toggleHeading({ level: 2 }).run(), <span className="rich-text-editor__h">H2</span>)}
        {tool('h3', editorTexts.h3, !!active?.h3, () => chain().toggleHeading({ level: 3 }).run(), <span className="rich-text-editor__h">H3</span>)}
        <Divider orientation="vertical" />
        {tool('ul', editorTexts.bulletList, !!active?.bullet, () => chain().toggleBulletList().run(), <UnorderedListOutlined />)}
        {tool('ol', editorTexts.orderedList, !!active?.ordered, () => chain().toggleOrderedList().run(), <OrderedListOutlined />)}
        {tool('quote', editorTexts.quote, !!active?.quote, () => chain().toggleBlockquote().run(), <span className="rich-text-editor__h">“”</span>)}
        <Divider orientation="vertical" />
        <Popover
          trigger="click"
          open={linkOpen}
          onOpenChange={setLinkOpen}
          content={
            <Input.Search
              size="small"
              value={href}
              onChange={(e) => setHref(e.target.value)}
              onSearch={applyLink}
              enterButton={editorTexts.link}
              placeholder={editorTexts.linkPrompt}
              style={{ width: 320 }}
            />
          }
        >
          <Tooltip title={editorTexts.link}>
            <Button size="small" type={active?.link ? 'primary' : 'text'} icon={<LinkOutlined />} aria-label={editorTexts.link} />
          </Tooltip>
        </Popover>
        {tool('unlink', editorTexts.unlink, false, () => chain().unsetLink().run(), <DisconnectOutlined />)}
      </Space>
      <EditorContent editor={editor} />
    </div>
  );
}
