import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Controller, type DefaultValues, type FieldErrors, useForm, useWatch } from 'react-hook-form';
import { SCOPE_LABELS, SCOPES, type Scope, SUBJECT_MAX } from '../../shared/enums.ts';
import { type CaseView, caseKeys, issueAreasQuery, orgsQuery } from '../api/cases.ts';
import { ApiRequestError, api, uploadFile } from '../api/client.ts';
import { type MeView, useMe } from '../api/session.ts';
import { NoCaseAccess } from '../components/NoCaseAccess.tsx';
import type { PendingFile, UploadState } from '../components/openCase/AttachmentList.tsx';
import {
  browserTimeZone,
  type CaseFormParsed,
  type CaseFormValues,
  fieldId,
  focusFirstField,
  isCaseField,
  lazyCaseResolver,
  loadCaseSchema,
} from '../components/openCase/caseForm.ts';
import { IssueAreaPicker } from '../components/openCase/IssueAreaPicker.tsx';
import {
  AttachmentList,
  ContactPhoneField,
  Part,
  SolutionsPanel,
  TeamContactsInput,
  TimeZoneSelect,
  UploadProgress,
} from '../components/openCase/lazyParts.tsx';
import { PrioritySelector } from '../components/openCase/PrioritySelector.tsx';
import { notify } from '../components/toasts.tsx';
import '../components/openCase/openCase.css';
import { type CaseDraft, useCaseDraft } from '../components/openCase/useCaseDraft.ts';
import { useFormSession } from '../components/openCase/useFormSession.ts';

/** Open a case (SPEC §2): every field with its rules, recommended solutions beside it, a draft kept locally. */
export function OpenCasePage() {
  const me = useMe();
  if (!me) return null;
  if (!me.caseAccess.allowed) {
    return (
      <Container size="lg">
        <Stack gap="lg">
          <Title order={1}>Open a case</Title>
          <NoCaseAccess reason={me.caseAccess.reason} />
        </Stack>
      </Container>
    );
  }
  return <OpenCaseForm me={me} />;
}

type Phase =
  | { kind: 'form' }
  | { kind: 'uploading'; number: string; caseEmail: string }
  | { kind: 'upload-failed'; number: string; caseEmail: string };

function emptyValues(me: MeView): DefaultValues<CaseFormValues> {
  return {
    priority: undefined,
    subject: '',
    description: '',
    stepsToReproduce: '',
    org: '',
    issueArea: '',
    scope: undefined,
    businessImpact: '',
    caseEmail: me.email,
    contactPhone: '',
    contactTimezone: browserTimeZone(),
    teamContacts: [],
    p1Confirmed: false,
  };
}

function savedAtText(draft: CaseDraft): string {
  const d = new Date(draft.savedAt);
  return Number.isNaN(d.getTime())
    ? ''
    : ` (saved ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d)})`;
}

/** The message of a field's error; array fields (team contacts) may carry theirs per item. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof e.message === 'string' && e.message) return e.message;
  if (typeof e.root?.message === 'string' && e.root.message) return e.root.message;
  if (Array.isArray(error)) {
    for (const item of error) {
      const m = (item as { message?: unknown } | undefined)?.message;
      if (typeof m === 'string' && m) return m;
    }
  }
  return undefined;
}

function OpenCaseForm({ me }: { me: MeView }) {
  const search = useSearch({ from: '/authed/cases/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draft = useCaseDraft(me.id);
  const formSession = useFormSession(me.id);
  const [draftNotice, setDraftNotice] = useState<CaseDraft | null>(draft.restored);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});
  const [formError, setFormError] = useState<{ title: string; message: string } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const defaults = useMemo(
    () => ({ ...emptyValues(me), ...(draft.restored?.values ?? {}) }),
    [me, draft.restored],
  );
  const form = useForm<CaseFormValues, unknown, CaseFormParsed>({
    resolver: lazyCaseResolver,
    mode: 'onTouched',
    shouldFocusError: false,
    defaultValues: defaults,
  });
  const { control, register, handleSubmit, setValue, getValues, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const [subject, description, org, issueArea, p1Confirmed] = useWatch({
    control,
    name: ['subject', 'description', 'org', 'issueArea', 'p1Confirmed'],
  });

  useEffect(() => {
    void loadCaseSchema();
  }, []);

  const orgs = useQuery(orgsQuery);
  const areas = useQuery(issueAreasQuery);

  // Org impacted: the console's org (?org=), else the draft's, else the only one.
  const orgItems = orgs.data?.items;
  useEffect(() => {
    if (!orgItems) return;
    const slugs = orgItems.map((o) => o.slug);
    const current = getValues('org');
    const pick =
      search.org && slugs.includes(search.org)
        ? search.org
        : current && slugs.includes(current)
          ? current
          : slugs.length === 1
            ? slugs[0]!
            : '';
    if (pick !== current) setValue('org', pick, { shouldDirty: true });
  }, [orgItems, search.org, getValues, setValue]);

  // Keep the draft: every change of the form or of the file list.
  const fileNames = useRef<string[]>([]);
  fileNames.current = files.map((f) => f.file.name);
  useEffect(() => {
    const sub = form.watch((values) => {
      draft.save(values as Partial<CaseFormValues>, fileNames.current);
    });
    return () => sub.unsubscribe();
  }, [form, draft.save]);
  useEffect(() => {
    draft.save(
      getValues(),
      files.map((f) => f.file.name),
    );
  }, [files, draft.save, getValues]);

  const discardDraft = () => {
    draft.clear();
    formSession.renew();
    setDraftNotice(null);
    setFiles([]);
    setFormError(null);
    const fresh = emptyValues(me);
    const slugs = orgItems?.map((o) => o.slug) ?? [];
    fresh.org = search.org && slugs.includes(search.org) ? search.org : slugs.length === 1 ? slugs[0]! : '';
    form.reset(fresh);
  };

  const finish = useCallback(
    (number: string, caseEmail: string, note?: string) => {
      notify({
        color: 'teal',
        title: `Case ${number} opened`,
        message: note ?? `We sent a confirmation to ${caseEmail}.`,
      });
      void navigate({ to: '/cases/$number', params: { number } });
    },
    [navigate],
  );

  /** Uploads the files one by one, after the case exists; true when every one arrived. */
  const uploadAll = async (number: string, list: PendingFile[]): Promise<boolean> => {
    let ok = true;
    for (const f of list) {
      setUploads((s) => ({ ...s, [f.id]: { status: 'uploading', progress: 0 } }));
      try {
        await uploadFile(`/cases/${number}/attachments`, f.file, (progress) =>
          setUploads((s) => ({ ...s, [f.id]: { status: 'uploading', progress } })),
        );
        setUploads((s) => ({ ...s, [f.id]: { status: 'done' } }));
      } catch (err) {
        ok = false;
        const status = err instanceof ApiRequestError ? err.status : 0;
        const message =
          status === 413
            ? `${f.file.name} is larger than the 2 MB limit.`
            : err instanceof ApiRequestError
              ? err.message
              : `${f.file.name} could not be uploaded.`;
        // A refusal (type, size) stays a refusal; a lost connection or a busy server may pass next time.
        const retryable = status === 0 || status === 408 || status === 429 || status >= 500;
        setUploads((s) => ({ ...s, [f.id]: { status: 'failed', message, retryable } }));
      }
    }
    await queryClient.invalidateQueries({ queryKey: caseKeys.attachments(number) });
    return ok;
  };

  useEffect(() => {
    if (phase.kind !== 'form') resultHeading.current?.focus();
  }, [phase.kind]);

  const onInvalid = (errs: FieldErrors<CaseFormValues>) => {
    const names = Object.keys(errs);
    setFormError({
      title: 'Some fields need your attention',
      message: `${names.length === 1 ? 'One field needs' : `${names.length} fields need`} a change before the case can be opened. Nothing you typed is lost.`,
    });
    focusFirstField(names);
  };

  const onValid = async (values: CaseFormParsed) => {
    draft.save(getValues(), fileNames.current, true);
    setFormError(null);
    let created: CaseView;
    try {
      // The confirmation belongs to P1 only: a case moved down to P2 before sending does not carry it.
      created = await api<CaseView>('POST', '/cases', {
        ...values,
        p1Confirmed: values.priority === 'P1' && values.p1Confirmed,
        formSession: formSession.id,
      });
    } catch (err) {
      if (!(err instanceof ApiRequestError)) {
        setFormError({
          title: 'The case was not opened',
          message: 'Something went wrong. Please try again.',
        });
        return;
      }
      // An ended session sends the user to sign in; the draft brings everything back afterwards.
      if (err.status === 401) return;
      const named = Object.entries(err.fields).filter(([k]) => isCaseField(k));
      const other = Object.entries(err.fields).filter(([k]) => !isCaseField(k));
      for (const [k, message] of named) {
        if (isCaseField(k)) setError(k, { type: 'server', message });
      }
      setFormError({
        title: named.length > 0 ? err.message : 'The case was not opened',
        message: [
          named.length > 0
            ? 'See the messages next to the fields. Nothing you typed is lost.'
            : `${err.message} Nothing you typed is lost.`,
          ...other.map(([k, m]) => `${k}: ${m}`),
        ].join(' '),
      });
      focusFirstField(named.map(([k]) => k));
      return;
    }
    // The case exists: the draft has done its job.
    draft.clear({ stop: true });
    formSession.renew();
    setDraftNotice(null);
    void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    if (files.length === 0) {
      finish(created.number, created.caseEmail);
      return;
    }
    setPhase({ kind: 'uploading', number: created.number, caseEmail: created.caseEmail });
    const ok = await uploadAll(created.number, files);
    if (ok) finish(created.number, created.caseEmail);
    else setPhase({ kind: 'upload-failed', number: created.number, caseEmail: created.caseEmail });
  };

  const retryFailed = async () => {
    if (phase.kind !== 'upload-failed') return;
    const failed = files.filter((f) => {
      const u = uploads[f.id];
      return u?.status === 'failed' && u.retryable;
    });
    const refused = files.some((f) => {
      const u = uploads[f.id];
      return u?.status === 'failed' && !u.retryable;
    });
    setPhase({ ...phase, kind: 'uploading' });
    const ok = await uploadAll(phase.number, failed);
    // Files the server refused stay listed with their reason until the user moves on.
    if (ok && !refused) finish(phase.number, phase.caseEmail);
    else setPhase({ ...phase, kind: 'upload-failed' });
  };

  if (phase.kind !== 'form') {
    const failedCount = files.filter((f) => uploads[f.id]?.status === 'failed').length;
    const retryable = files.some((f) => {
      const u = uploads[f.id];
      return u?.status === 'failed' && u.retryable;
    });
    return (
      <Container size="sm">
        <Paper withBorder p="lg">
          <Stack>
            <Title order={1} size="h2" ref={resultHeading} tabIndex={-1}>
              Case {phase.number} is open
            </Title>
            <Text>
              {phase.kind === 'uploading'
                ? 'Attaching your files…'
                : `${failedCount === 1 ? 'One file was' : `${failedCount} files were`} not attached. The case itself is open and support has it.`}
            </Text>
            <Part label="the upload progress">
              <UploadProgress files={files} states={uploads} />
            </Part>
            {phase.kind === 'upload-failed' && (
              <Group>
                {retryable && <Button onClick={retryFailed}>Retry failed uploads</Button>}
                <Button
                  variant={retryable ? 'default' : 'filled'}
                  onClick={() =>
                    finish(
                      phase.number,
                      phase.caseEmail,
                      'Some files were not attached: you can add files on the case page.',
                    )
                  }
                >
                  Continue to case {phase.number}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      </Container>
    );
  }

  const orgData = (orgItems ?? []).map((o) => ({ value: o.slug, label: o.name }));
  const subjectLength = subject?.length ?? 0;

  return (
    <Container size="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Open a case</Title>
          <Text c="dimmed">
            Tell us what is wrong and how to reach you. Fields marked * are required. What you type is kept in
            this browser until the case is opened.
          </Text>
        </div>
        {draftNotice && (
          <Alert color="blue" title="Your unsent case is back" role="status">
            <Stack gap="xs">
              <Text size="sm">
                We restored what you typed{savedAtText(draftNotice)}.
                {draftNotice.fileNames.length > 0 &&
                  ` Attached files cannot be kept in a draft: please add ${draftNotice.fileNames.join(', ')} again.`}
              </Text>
              <Group gap="xs">
                <Button size="compact-sm" variant="default" onClick={discardDraft}>
                  Discard draft and start over
                </Button>
                <Button size="compact-sm" variant="subtle" onClick={() => setDraftNotice(null)}>
                  Hide this message
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <div className="cb-open-case-layout">
          <div>
            <form noValidate onSubmit={handleSubmit(onValid, onInvalid)} aria-label="Open a case">
              <Stack gap="xl">
                {formError && (
                  <Alert color="red" title={formError.title} role="alert">
                    {formError.message}
                  </Alert>
                )}

                <Stack gap="md" component="section" aria-labelledby="section-problem">
                  <Title order={2} size="h3" id="section-problem">
                    The problem
                  </Title>
                  <Controller
                    control={control}
                    name="priority"
                    render={({ field }) => (
                      <PrioritySelector
                        value={field.value}
                        onChange={(v) => field.onChange(v)}
                        onBlur={field.onBlur}
                        error={errors.priority?.message}
                        confirmed={p1Confirmed === true}
                        onConfirmedChange={(v) =>
                          setValue('p1Confirmed', v, {
                            shouldValidate: formState.isSubmitted,
                            shouldDirty: true,
                          })
                        }
                        confirmError={errors.p1Confirmed?.message}
                      />
                    )}
                  />
                  <TextInput
                    id={fieldId('subject')}
                    label="Subject"
                    description={`A short summary. ${subjectLength} of ${SUBJECT_MAX} characters.`}
                    required
                    {...register('subject')}
                    error={errors.subject?.message}
                  />
                  <Textarea
                    id={fieldId('description')}
                    label="Detailed description"
                    description="What happens, since when, error codes and messages, log excerpts."
                    required
                    autosize
                    minRows={6}
                    maxRows={24}
                    {...register('description')}
                    error={errors.description?.message}
                  />
                  <Textarea
                    id={fieldId('stepsToReproduce')}
                    label="Steps to reproduce"
                    description="What you already tried, and the steps that show the problem."
                    autosize
                    minRows={3}
                    maxRows={16}
                    {...register('stepsToReproduce')}
                    error={errors.stepsToReproduce?.message}
                  />
                </Stack>

                <hr className="cb-open-case-rule" />
                <Stack gap="md" component="section" aria-labelledby="section-where">
                  <Title order={2} size="h3" id="section-where">
                    Where and who
                  </Title>
                  <Controller
                    control={control}
                    name="org"
                    render={({ field }) => (
                      <NativeSelect
                        id={fieldId('org')}
                        label="Org impacted"
                        description="Only orgs where you are an admin."
                        required
                        data={
                          field.value
                            ? orgData
                            : [
                                {
                                  value: '',
                                  label: orgs.isLoading ? 'Loading your orgs…' : 'Choose an org',
                                  disabled: true,
                                },
                                ...orgData,
                              ]
                        }
                        value={field.value}
                        onChange={(e) => field.onChange(e.currentTarget.value)}
                        onBlur={field.onBlur}
                        ref={field.ref}
                        error={
                          errors.org?.message ??
                          (orgs.isError
                            ? 'Your orgs could not be loaded. Reload the page to try again.'
                            : undefined)
                        }
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name="issueArea"
                    render={({ field }) => (
                      <IssueAreaPicker
                        areas={areas.data?.items}
                        loadError={
                          areas.isError
                            ? 'The issue areas could not be loaded. Reload the page to try again.'
                            : undefined
                        }
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={errors.issueArea?.message}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name="scope"
                    render={({ field }) => (
                      <Radio.Group
                        id={fieldId('scope')}
                        name="scope"
                        label="Scope"
                        description="Who is affected?"
                        required
                        value={field.value ?? null}
                        onChange={(v) => field.onChange(v as Scope)}
                        error={errors.scope?.message}
                      >
                        <Box
                          className="cb-open-case-choices"
                          mt="xs"
                          style={{ '--cb-row-gap': 'var(--mantine-spacing-xs)' }}
                        >
                          {SCOPES.map((s) => (
                            <Radio key={s} value={s} label={SCOPE_LABELS[s]} onBlur={field.onBlur} />
                          ))}
                        </Box>
                      </Radio.Group>
                    )}
                  />
                  <Textarea
                    id={fieldId('businessImpact')}
                    label="Business impact"
                    description="What the problem costs you: blocked work, deadlines, users or revenue at risk."
                    autosize
                    minRows={2}
                    maxRows={12}
                    {...register('businessImpact')}
                    error={errors.businessImpact?.message}
                  />
                </Stack>

                <hr className="cb-open-case-rule" />
                <Stack gap="md" component="section" aria-labelledby="section-files">
                  <Title order={2} size="h3" id="section-files">
                    Files
                  </Title>
                  <Part label="attachments">
                    <AttachmentList files={files} onChange={setFiles} disabled={isSubmitting} />
                  </Part>
                </Stack>

                <hr className="cb-open-case-rule" />
                <Stack gap="md" component="section" aria-labelledby="section-contact">
                  <Title order={2} size="h3" id="section-contact">
                    How we reach you
                  </Title>
                  <TextInput
                    id={fieldId('caseEmail')}
                    label="Case email"
                    description="Every message about the case goes here. Team contacts get copies."
                    type="email"
                    autoComplete="email"
                    required
                    {...register('caseEmail')}
                    error={errors.caseEmail?.message}
                  />
                  <Controller
                    control={control}
                    name="contactPhone"
                    render={({ field }) => (
                      <Part label="the contact number">
                        <ContactPhoneField
                          value={field.value}
                          onChange={field.onChange}
                          onBlur={field.onBlur}
                          error={errors.contactPhone?.message}
                        />
                      </Part>
                    )}
                  />
                  <Controller
                    control={control}
                    name="contactTimezone"
                    render={({ field }) => (
                      <Part label="the time zones">
                        <TimeZoneSelect
                          value={field.value}
                          onChange={field.onChange}
                          onBlur={field.onBlur}
                          error={errors.contactTimezone?.message}
                        />
                      </Part>
                    )}
                  />
                  <Controller
                    control={control}
                    name="teamContacts"
                    render={({ field }) => (
                      <Part label="the case team">
                        <TeamContactsInput
                          org={org ?? ''}
                          orgName={orgItems?.find((o) => o.slug === org)?.name}
                          meId={me.id}
                          value={field.value ?? []}
                          onChange={field.onChange}
                          onBlur={field.onBlur}
                          error={firstMessage(errors.teamContacts)}
                        />
                      </Part>
                    )}
                  />
                </Stack>

                <Group>
                  <Button type="submit" size="md" loading={isSubmitting}>
                    Open case
                  </Button>
                </Group>
              </Stack>
            </form>
          </div>
          <div className="cb-open-case-aside">
            <Part label="recommended solutions">
              <SolutionsPanel
                subject={subject ?? ''}
                description={description ?? ''}
                issueArea={issueArea ?? ''}
                formSession={formSession.id}
              />
            </Part>
          </div>
        </div>
      </Stack>
    </Container>
  );
}
